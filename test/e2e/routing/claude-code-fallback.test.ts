import { mkdtemp, readFile, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { configFromObject } from "../../../src/config/index.js";
import { createLogger } from "../../../src/lib/logger.js";
import { startServer } from "../../../src/server/node.js";
import { viewUpstreamRequest } from "../../conformance/support/upstream-view.js";
import { toFakeReply } from "../../conformance/support/to-fake-reply.js";
import { faults, startFakeUpstream } from "../../fake-upstream/index.js";
import type { FakeReply } from "../../fake-upstream/types.js";
import { claudeCallId, claudeScript } from "../support/claude-script.js";
import { startRecordingProxy } from "../support/recording-proxy.js";
import { runClaude } from "../support/run-claude.js";
import { headerOf } from "../support/start-e2e-stack.js";

const gatewayKey = "sk-gateway-routing";

/** The first target of the chain is out of quota, in the shape each of these upstreams uses. */
const quotaFailures: { name: string; failure: () => FakeReply }[] = [
  { name: "an OpenAI insufficient_quota 429", failure: faults.insufficientQuota },
  { name: "a Copilot-style premium-request quota 429", failure: faults.copilotQuota },
];

describe.concurrent("Claude Code keeps working when the first target of its chain is out of quota", () => {
  for (const { name, failure } of quotaFailures) {
    it(`completes a Write tool round trip after ${name}`, async ({ expect }) => {
      const workdir = await realpath(await mkdtemp(join(tmpdir(), "switchboard-e2e-work-")));
      const filePath = join(workdir, "hello.txt");
      const script = claudeScript(filePath, "hi");
      const exhausted = await startFakeUpstream({ apiKey: "sk-exhausted", models: ["premium"], script: failure });
      const spare = await startFakeUpstream({
        apiKey: "sk-spare",
        models: ["spare-model"],
        script: (call) => {
          const view = viewUpstreamRequest("anthropic-messages", call.body);
          return toFakeReply(script(view, call));
        },
      });
      const config = configFromObject({
        server: { api_key: gatewayKey, log_level: "silent" },
        providers: {
          exhausted: { type: "openai", base_url: `${exhausted.url}/v1`, api_key: "sk-exhausted", models: ["premium"] },
          spare: { type: "anthropic", base_url: spare.url, api_key: "sk-spare", models: ["spare-model"] },
        },
        // Claude Code's own model names all land on the chain.
        models: { "*": ["exhausted/premium", "spare/spare-model"] },
      });
      const server = await startServer({
        config,
        port: 0,
        logger: createLogger({ level: "silent" }),
        usageSink: { record: () => undefined },
      });
      const proxy = await startRecordingProxy(server.url);
      try {
        const run = await runClaude({
          baseUrl: proxy.url,
          apiKey: gatewayKey,
          prompt: "Create a file named hello.txt containing hi",
          cwd: workdir,
        });
        const context = `exit ${run.exitCode}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;
        expect(run.result?.is_error, context).toBe(false);
        expect(run.exitCode, context).toBe(0);
        expect(await readFile(filePath, "utf8")).toBe("hi");

        // The tool result came back to the spare target, which served the whole round trip.
        const views = spare.calls
          .filter((call) => call.api === "anthropic-messages")
          .map((call) => viewUpstreamRequest("anthropic-messages", call.body));
        expect(views.some((view) => view.toolResults.some((result) => result.callId === claudeCallId))).toBe(true);
        expect(
          exhausted.calls.filter((call) => call.api === "openai-responses" || call.api === "openai-chat").length,
        ).toBeGreaterThan(0);

        // Every turn Claude Code saw says what served it and what was tried first.
        const turns = proxy.requests.filter(
          (request) => request.method === "POST" && request.path.startsWith("/v1/messages?"),
        );
        expect(turns.length).toBeGreaterThanOrEqual(2);
        for (const [index, turn] of turns.entries()) {
          expect(turn.status).toBe(200);
          const headers = turn.responseHeaders ?? {};
          expect(headerOf(headers, "x-switchboard-provider")).toBe("spare");
          expect(headerOf(headers, "x-switchboard-model")).toBe("spare-model");
          const attempted = headerOf(headers, "x-switchboard-attempted");
          if (index === 0) expect(attempted).toBe("exhausted/premium=quota_exceeded(429), spare/spare-model=ok");
          else expect(attempted).toMatch(/^(exhausted\/premium=quota_exceeded\(429\), )?spare\/spare-model=ok$/);
        }
        // The used-up quota cools its deployment down at once: the last turn went straight to the spare.
        expect(headerOf(turns.at(-1)?.responseHeaders ?? {}, "x-switchboard-attempted")).toBe("spare/spare-model=ok");
      } finally {
        await proxy.close();
        await server.close();
        await exhausted.close();
        await spare.close();
      }
    });
  }
});
