import { readFile, mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFakeReply } from "../../conformance/support/to-fake-reply.js";
import { viewUpstreamRequest } from "../../conformance/support/upstream-view.js";
import { claudeScript } from "../support/claude-script.js";
import { codexScript, type CodexToolChoice } from "../support/codex-script.js";
import { runClaude } from "../support/run-claude.js";
import { runCodex } from "../support/run-codex.js";
import { buildOnce, chat, startTeam, type Team } from "./start-team.js";
import { testRedisUrl } from "../../support/test-redis-url.js";
import { waitUntil } from "../../support/throwaway-redis.js";

describe("Claude Code and Codex, each with its own key, through two gateways", () => {
  let team: Team;
  let workdir: string;
  const choices: CodexToolChoice[] = [];
  beforeAll(async () => {
    buildOnce();
    workdir = await realpath(await mkdtemp(join(tmpdir(), "switchboard-team-clients-")));
    const claude = claudeScript(join(workdir, "from-claude.txt"), "hi");
    const codex = codexScript("from-codex.txt", "hi", choices);
    team = await startTeam({
      redisUrl: testRedisUrl,
      upstreamApi: "openai-responses",
      // One upstream for both: Claude Code's requests offer the Write tool, Codex's do not.
      script: (call) => {
        const view = viewUpstreamRequest("openai-responses", call.body);
        const text = JSON.stringify(call.body);
        const script = text.includes("Claude Code")
          ? claude
          : text.includes("Codex")
            ? codex
            : () => ({ text: "hello" });
        return toFakeReply({ ...script(view, call), usage: { inputTotal: 1000, output: 1000, cached: 0 } });
      },
    });
  }, 240_000);
  afterAll(async () => team?.close());

  async function key(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
    const created = await team.admin(team.gateways[0]!, "POST", "/api/keys", { name, ...extra });
    expect(created.status).toBe(201);
    return created.body;
  }

  it("complete a tool round trip each, and a third key over its budget gets 429 with x-should-retry: false", async () => {
    const claudeKey = await key("claude-user", { budget: "5usd/month", rpm: 100 });
    const codexKey = await key("codex-user", { budget: "5usd/month", max_parallel: 4 });
    const [claude, codex] = await Promise.all([
      runClaude({
        baseUrl: team.gateways[0]!.url,
        apiKey: claudeKey.key,
        prompt: "Create a file named from-claude.txt containing hi",
        cwd: workdir,
      }),
      runCodex({
        baseUrl: team.gateways[1]!.url,
        apiKey: codexKey.key,
        prompt: "Create a file named from-codex.txt containing hi",
        cwd: workdir,
        model: "gpt-5.5",
        setup: "custom-provider",
      }),
    ]);
    const context = `claude: ${claude.stdout.slice(-1500)} ${claude.stderr.slice(-1500)}\ncodex: ${codex.stderr.slice(-2000)}\ngateways: ${team.gateways.map((gateway) => gateway.output().slice(-1500)).join("\n")}`;
    expect(claude.exitCode, context).toBe(0);
    expect(claude.result?.is_error, context).toBe(false);
    expect(await readFile(join(workdir, "from-claude.txt"), "utf8")).toBe("hi");
    expect(codex.exitCode, context).toBe(0);
    expect(await readFile(join(workdir, "from-codex.txt"), "utf8")).toBe("hi");

    // A third key whose budget one answer spends ($0.018 each): the next request is refused for good.
    const third = await key("over-budget", { budget: "0.01usd/month" });
    const spent = await chat(team.gateways[0]!, third.key);
    expect(spent.status, await spent.clone().text()).toBe(200);
    // The answer's spend is settled in Redis after its last byte: wait for it there, not for a fixed time.
    const redis = new Redis(testRedisUrl);
    try {
      await waitUntil(async () => {
        const [budget] = await redis.keys(`${team.prefix}limits:{${third.id}}:budget:*`);
        return budget !== undefined && Number(await redis.hget(budget, "spent")) > 0;
      }, 5_000);
    } finally {
      redis.disconnect();
    }
    const refused = await chat(team.gateways[1]!, third.key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-should-retry")).toBe("false");
    const error = ((await refused.json()) as { error: { message: string } }).error;
    expect(error.message).toContain('"over-budget"');
    expect(error.message).toContain("budget of $0.01 per month");
    // No key in any log line of either gateway.
    for (const gateway of team.gateways) {
      for (const secret of [claudeKey.key, codexKey.key, third.key]) expect(gateway.output()).not.toContain(secret);
    }
  });
});
