import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig, type ConfigFile } from "../../src/config/index.js";
import { startServer } from "../../src/server/node.js";
import { createMemoryUsageSink } from "../../src/store/log-usage-sink.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { FakePromptCache } from "../fake-upstream/fake-prompt-cache.js";
import { startFakeUpstream, type FakeUpstream } from "../fake-upstream/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import { codexSessionRequests } from "./codex-session.js";
import { hitRate, replaySession, type TurnUsage } from "./replay-session.js";

let requests: Array<Record<string, unknown>>;
let anthropic: FakeUpstream;
let copilot: FakeGithub;

beforeAll(async () => {
  requests = await codexSessionRequests();
  anthropic = await startFakeUpstream({ models: ["claude-sonnet-4-5"], promptCache: new FakePromptCache() });
  copilot = await startFakeGithub({ promptCache: new FakePromptCache() });
});
afterAll(async () => {
  await anthropic?.close();
  await copilot?.close();
});

/** The gateway with both providers; Codex's model name goes to a Claude model on the provider named. */
async function replayThrough(target: string, promptCache: "auto" | "off") {
  const home = await mkdtemp(join(tmpdir(), "switchboard-cache-home-"));
  const file: ConfigFile = {
    server: { api_key: gatewayKey, log_level: "silent" },
    providers: {
      anthropic: { type: "anthropic", base_url: anthropic.url, api_key: "test-key", models: ["claude-sonnet-4-5"] },
      copilot: {
        type: "github-copilot",
        token: "ghu_valid",
        github_url: copilot.githubUrl,
        github_api_url: copilot.apiUrl,
      },
    },
    models: { "gpt-5.1-codex": { deployments: [target], prompt_cache: promptCache } },
    routing: { max_retries: 0 },
  };
  const usageSink = createMemoryUsageSink();
  const usageStore = await openUsageStore({
    store: baseStoreOptions({ path: join(home, "usage.sqlite"), flushIntervalMs: 50 }),
    logger: createSilentLogger(),
  });
  const server = await startServer({
    config: resolveConfig(file, {}, { port: 0 }),
    port: 0,
    host: "127.0.0.1",
    env: { HOME: home },
    configDir: join(home, "switchboard"),
    usageSink,
    usageStore,
  });
  try {
    // A fresh session id per run, so runs never read each other's cache.
    const session = `${target}-${promptCache}-${Date.now()}`;
    const turns = await replaySession(
      server.url,
      requests.map((body, index) => withSession(body, session, index)),
      session,
    );
    await usageStore.flush();
    const usage = async (groupBy: string) => {
      const answer = await fetch(`${server.url}/api/usage?group_by=${groupBy}`, {
        headers: { authorization: `Bearer ${gatewayKey}` },
      });
      return (await answer.json()) as {
        rows: Array<{ key: string; prompt_cache_hit_rate: number; cache_read_tokens: number }>;
      };
    };
    const groups = { session: await usage("session"), route: await usage("route"), model: await usage("model") };
    return { turns, records: usageSink.records, session, groups };
  } finally {
    await server.close();
  }
}

/** Marks the session in the developer prompt, the way a different working tree would differ. */
function withSession(body: Record<string, unknown>, session: string, _index: number): Record<string, unknown> {
  const input = structuredClone(body["input"]) as Array<{ role?: string; content?: Array<{ text?: string }> }>;
  const first = input.find((item) => item.role === "developer")?.content?.[0];
  if (first?.text !== undefined) first.text = `${first.text}\n<!-- session ${session} -->`;
  return { ...body, input };
}

function describeTurns(turns: TurnUsage[]): string {
  return turns.map((turn, index) => `turn ${index + 1}: ${turn.cachedTokens}/${turn.inputTokens} cached`).join("; ");
}

describe("a recorded 6-request Codex session to a Claude model keeps the provider's prompt cache", () => {
  for (const [name, target] of [
    ["the Anthropic provider", "anthropic/claude-sonnet-4-5"],
    ["Copilot's Messages endpoint", "copilot/claude-sonnet-4.5"],
  ] as const) {
    it(`on ${name}: at least 80 % of input tokens are cache reads from the second turn on`, async () => {
      const before = await replayThrough(target, "off");
      const after = await replayThrough(target, "auto");
      const beforeRate = hitRate(before.turns.slice(1));
      const afterRate = hitRate(after.turns.slice(1));
      console.info(
        `[prompt cache] ${name}: hit rate from turn 2, prompt_cache off ${(beforeRate * 100).toFixed(1)} %, auto ${(afterRate * 100).toFixed(1)} % (${describeTurns(after.turns)})`,
      );
      expect(requests.length).toBeGreaterThanOrEqual(5);
      expect(beforeRate).toBe(0);
      expect(afterRate, describeTurns(after.turns)).toBeGreaterThanOrEqual(0.8);
      // Every turn after the first reads the cache; the first writes it.
      expect(after.turns[0]?.cacheWriteTokens).toBeGreaterThan(0);
      for (const turn of after.turns.slice(1)) expect(turn.cachedTokens / turn.inputTokens).toBeGreaterThanOrEqual(0.8);
      // The usage rows carry the same figures.
      const rows = after.records.map((record) => record.usage);
      expect(rows.map((usage) => usage?.cacheReadTokens ?? 0)).toEqual(after.turns.map((turn) => turn.cachedTokens));
      // And /api/usage shows the hit rate per session, route and model (over all six turns).
      const whole = hitRate(after.turns);
      const session = after.groups.session.rows.find((row) => row.key === after.session);
      expect(session?.prompt_cache_hit_rate).toBeCloseTo(whole, 3);
      expect(after.groups.route.rows.find((row) => row.key === "gpt-5.1-codex")?.prompt_cache_hit_rate).toBeCloseTo(
        whole,
        3,
      );
      expect(after.groups.model.rows[0]?.prompt_cache_hit_rate).toBeCloseTo(whole, 3);
      expect(before.groups.session.rows.find((row) => row.key === before.session)?.prompt_cache_hit_rate).toBe(0);
    });
  }
});
