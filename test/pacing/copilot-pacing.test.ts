import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/index.js";
import { startServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { FakeRateLimit } from "../fake-github/fake-rate-limit.js";
import { startFakeGithub } from "../fake-github/start-fake-github.js";

interface ClientAnswer {
  client: string;
  status: number;
  shouldRetry: string | undefined;
  retryAfter: string | undefined;
  body: string;
  elapsedMs: number;
}

/** Three kinds of client, streamed and not, as Claude Code subagents, Codex and an SDK script would send. */
function clientRequest(index: number): {
  client: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
} {
  const stream = index % 2 === 0;
  switch (index % 3) {
    case 0:
      return {
        client: `claude-code-subagent-${index}`,
        path: "/v1/messages",
        headers: { "x-api-key": gatewayKey, "anthropic-version": "2023-06-01" },
        body: {
          model: "claude-sonnet-4-5",
          max_tokens: 64,
          stream,
          messages: [{ role: "user", content: `task ${index}` }],
        },
      };
    case 1:
      return {
        client: `codex-${index}`,
        path: "/v1/responses",
        headers: { authorization: `Bearer ${gatewayKey}` },
        body: { model: "gpt-5.1-codex", stream, input: `task ${index}` },
      };
    default:
      return {
        client: `openai-sdk-${index}`,
        path: "/v1/chat/completions",
        headers: { authorization: `Bearer ${gatewayKey}` },
        body: { model: "gpt-4.1", stream, messages: [{ role: "user", content: `task ${index}` }] },
      };
  }
}

async function runBurst(options: { maxQueueWaitS: number; requests: number }) {
  const rateLimit = new FakeRateLimit({ requests: 5, windowMs: 2_000 });
  const fake = await startFakeGithub({ rateLimit, answerDelayMs: 150 });
  const home = await mkdtemp(join(tmpdir(), "switchboard-pacing-"));
  const usage = createMemoryUsageSink();
  const server = await startServer({
    config: resolveConfig(
      {
        server: { api_key: gatewayKey, log_level: "silent" },
        providers: {
          copilot: {
            type: "github-copilot",
            token: "ghu_valid",
            github_url: fake.githubUrl,
            github_api_url: fake.apiUrl,
            max_queue_wait_s: options.maxQueueWaitS,
          },
        },
      },
      {},
      { port: 0 },
    ),
    port: 0,
    host: "127.0.0.1",
    env: { HOME: home },
    configDir: join(home, "switchboard"),
    usageSink: usage,
  });
  try {
    const sent = Array.from({ length: options.requests }, (_, index) => clientRequest(index));
    const answers = await Promise.all(
      sent.map(async (entry): Promise<ClientAnswer> => {
        const begun = Date.now();
        const answer = await request(`${server.url}${entry.path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...entry.headers },
          body: JSON.stringify(entry.body),
        });
        const body = await answer.body.text();
        const header = (name: string) => answer.headers[name] as string | undefined;
        return {
          client: entry.client,
          status: answer.statusCode,
          shouldRetry: header("x-should-retry"),
          retryAfter: header("retry-after"),
          body,
          elapsedMs: Date.now() - begun,
        };
      }),
    );
    const generations = fake.state.apiRequests.filter((entry) => entry.path !== "/copilot/models");
    return { answers, rateLimit, generations, records: usage.records };
  } finally {
    await server.close();
    await fake.close();
  }
}

describe("Copilot pacing: 20 concurrent requests from several clients against a rate-limited account", () => {
  it("sends nothing inside a retry-after window and answers every client (bound 30 s)", async () => {
    const { answers, rateLimit, records } = await runBurst({ maxQueueWaitS: 30, requests: 20 });
    const longest = Math.max(...answers.map((answer) => answer.elapsedMs));
    const queueWaits = records.map((record) => record.queueWaitMs ?? Number.NaN);
    console.info(
      `[pacing] bound 30 s: ${rateLimit.accepted} served, ${rateLimit.refusals} 429s from the fake, ${rateLimit.violations} requests inside a 429 window; longest client wait ${longest} ms, longest queue wait ${Math.max(...queueWaits)} ms, deepest queue ${Math.max(...records.map((record) => record.queueDepth ?? 0))}`,
    );
    // The usage rows carry the time each request waited and the queue ahead of it.
    for (const wait of queueWaits) expect(wait).toBeGreaterThanOrEqual(0);
    expect(Math.max(...queueWaits)).toBeGreaterThan(1000);
    expect(Math.max(...queueWaits)).toBeLessThanOrEqual(30_000);
    expect(Math.max(...records.map((record) => record.queueDepth ?? 0))).toBeGreaterThan(0);
    expect(rateLimit.violations).toBe(0);
    expect(answers).toHaveLength(20);
    for (const answer of answers) expect(answer.status, `${answer.client}: ${answer.body}`).toBe(200);
    expect(rateLimit.accepted).toBe(20);
    expect(rateLimit.refusals).toBeGreaterThan(0); // the limit was reached, and waited out
    expect(records).toHaveLength(20);
  }, 60_000);

  it("answers a single 429 with retry-after and x-should-retry: false once the wait passes the bound", async () => {
    const { answers, rateLimit, generations, records } = await runBurst({ maxQueueWaitS: 2, requests: 20 });
    const refused = answers.filter((answer) => answer.status !== 200);
    console.info(
      `[pacing] bound 2 s: ${answers.length - refused.length} served, ${refused.length} answered 429 by the queue, ${rateLimit.violations} requests inside a 429 window; longest client wait ${Math.max(...answers.map((answer) => answer.elapsedMs))} ms`,
    );
    expect(rateLimit.violations).toBe(0);
    expect(answers).toHaveLength(20);
    expect(refused.length).toBeGreaterThan(0);
    // The refused rows say how long they waited: at most the bound (a request is refused at once when
    // Copilot's hold already runs past its bound).
    const refusedRows = records.filter((record) => record.status === 429);
    expect(refusedRows).toHaveLength(refused.length);
    for (const row of refusedRows) {
      expect(row.queueWaitMs).toBeGreaterThan(0);
      expect(row.queueWaitMs).toBeLessThanOrEqual(2_500);
    }
    for (const answer of refused) {
      expect(answer.status, answer.body).toBe(429);
      expect(answer.shouldRetry).toBe("false");
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Nothing lost: every request was either served by the fake or refused by the queue, once.
    expect(answers.length - refused.length).toBe(rateLimit.accepted);
    expect(generations.length).toBe(rateLimit.accepted + rateLimit.refusals);
  }, 60_000);
});
