import { mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { resolveConfig } from "../../../src/config/index.js";
import { startServer } from "../../../src/server/node.js";
import { gatewayKey } from "../../conformance/support/gateway-config.js";
import { FakeRateLimit } from "../../fake-github/fake-rate-limit.js";
import { startFakeGithub, type SubscriptionScript } from "../../fake-github/start-fake-github.js";
import { runClaude } from "../support/run-claude.js";

const subagents = 4;

/** Tool names in a Messages request. */
function toolNames(body: Record<string, unknown>): string[] {
  return ((body["tools"] as Array<{ name?: string }> | undefined) ?? []).map((tool) => String(tool.name));
}

function hasToolResult(body: Record<string, unknown>): boolean {
  const messages = (body["messages"] as Array<{ content?: unknown }> | undefined) ?? [];
  return messages.some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some((block: { type?: string }) => block.type === "tool_result"),
  );
}

/**
 * The main agent (it has the subagent tool) starts several subagents at once, then answers once
 * their results are back; a subagent (no subagent tool of its own) answers with text.
 */
const subagentScript: SubscriptionScript = ({ body }) => {
  const spawner = toolNames(body).find((name) => name === "Task" || name === "Agent");
  // A subagent's first message is the prompt the main agent gave it.
  const isSubagent = JSON.stringify(body["messages"] ?? []).includes("Look at part");
  if (spawner === undefined || isSubagent) return { text: "Subtask finished: nothing to change." };
  if (hasToolResult(body)) return { text: "All subtasks finished." };
  return {
    toolCalls: Array.from({ length: subagents }, (_, index) => ({
      id: `toolu_sub_${index}`,
      name: spawner,
      arguments: {
        description: `Check part ${index}`,
        prompt: `Look at part ${index} of the project and report in one line.`,
        subagent_type: "general-purpose",
      },
    })),
  };
};

describe("real Claude Code with subagents against a rate-limited Copilot account", () => {
  it("completes, and Copilot sees no request inside a 429 window", async ({ expect }) => {
    const rateLimit = new FakeRateLimit({ requests: 3, windowMs: 4_000 });
    const fake = await startFakeGithub({ rateLimit, script: subagentScript });
    const home = await mkdtemp(join(tmpdir(), "switchboard-cc-pacing-"));
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
            },
          },
          models: { "*": ["copilot/claude-sonnet-4.5"] },
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
      const workdir = await realpath(await mkdtemp(join(tmpdir(), "switchboard-cc-pacing-work-")));
      const run = await runClaude({
        baseUrl: server.url,
        apiKey: gatewayKey,
        prompt: `Use ${subagents} subagents in parallel to check the ${subagents} parts of this project.`,
        cwd: workdir,
        model: "claude-sonnet-4-5",
        allowedTools: ["Task", "Agent", "Read"],
      });
      const generations = fake.state.apiRequests.filter((entry) => entry.path.startsWith("/copilot/v1/messages"));
      const context = `exit ${run.exitCode}; ${generations.length} requests, ${rateLimit.refusals} 429s, ${rateLimit.violations} inside a window\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-1500)}`;
      console.info(`[pacing] Claude Code with ${subagents} subagents: ${context.split("\n")[0]}`);
      expect(run.exitCode, context).toBe(0);
      expect(run.result?.is_error, context).toBe(false);
      expect(rateLimit.violations, context).toBe(0);
      expect(rateLimit.refusals, context).toBeGreaterThan(0); // the limit was met, and waited out
      // The main agent's two requests and one or more per subagent.
      expect(generations.length, context).toBeGreaterThanOrEqual(subagents + 2);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});
