import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { describe, it } from "vitest";
import { resolveConfig } from "../../src/config/index.js";
import { startServer } from "../../src/server/node.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { FakeRateLimit } from "../fake-github/fake-rate-limit.js";
import { startFakeGithub, type FakeGithubOptions } from "../fake-github/start-fake-github.js";

async function withCopilot<T>(
  fakeOptions: FakeGithubOptions,
  providerOptions: Record<string, unknown>,
  run: (url: string) => Promise<T>,
): Promise<T> {
  const fake = await startFakeGithub(fakeOptions);
  const home = await mkdtemp(join(tmpdir(), "switchboard-keep-alive-"));
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
            ...providerOptions,
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
  });
  try {
    return await run(server.url);
  } finally {
    await server.close();
    await fake.close();
  }
}

/** A streamed Messages request, read to its end with the time each piece arrived. */
async function streamedMessages(url: string, text: string) {
  const begun = Date.now();
  const answer = await request(`${url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": gatewayKey, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({
      model: "claude-sonnet-4-5",
      max_tokens: 64,
      stream: true,
      messages: [{ role: "user", content: text }],
    }),
  });
  const pieces: Array<{ atMs: number; text: string }> = [];
  for await (const chunk of answer.body) pieces.push({ atMs: Date.now() - begun, text: String(chunk) });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    text: pieces.map((piece) => piece.text).join(""),
    pieces,
  };
}

describe.concurrent("a streamed request held in Copilot's queue keeps its connection alive", () => {
  it("Anthropic pings while the account waits out a 429, then the answer follows in the same stream", async ({
    expect,
  }) => {
    // One request per 8 s: the second request meets a 429 with retry-after 8 and waits it out.
    await withCopilot({ rateLimit: new FakeRateLimit({ requests: 1, windowMs: 8_000 }) }, {}, async (url) => {
      const first = await streamedMessages(url, "first");
      expect(first.status).toBe(200);
      const second = await streamedMessages(url, "second");
      expect(second.status).toBe(200);
      expect(second.headers["x-switchboard-queued"]).toBe("true");
      expect(second.pieces[0]?.text).toBe('event: ping\ndata: {"type":"ping"}\n\n');
      expect(second.pieces[0]?.atMs).toBeLessThan(7_000); // before the hold ended
      expect(second.text).toContain("event: message_stop");
    });
  }, 30_000);

  it("a wait that passes the bound after the pings began ends with the protocol's error event", async ({ expect }) => {
    // One request at a time; the first takes 9 s; the second may wait 7 s.
    await withCopilot({ answerDelayMs: 9_000 }, { max_concurrency: 1, max_queue_wait_s: 7 }, async (url) => {
      const [first, second] = await Promise.all([
        streamedMessages(url, "first"),
        new Promise((resolve) => setTimeout(resolve, 100)).then(() => streamedMessages(url, "second")),
      ]);
      expect(first.text).toContain("event: message_stop");
      expect(second.status).toBe(200);
      expect(second.text.startsWith("event: ping")).toBe(true);
      expect(second.text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"rate_limit_error"/);
    });
  }, 30_000);
});
