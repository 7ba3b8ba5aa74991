import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { viewUpstreamRequest } from "../conformance/support/upstream-view.js";
import { claudeCallId, claudeScript } from "./support/claude-script.js";
import { runClaude } from "./support/run-claude.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

/** Upstream APIs Claude Code is run against: passthrough, then translation to each OpenAI API. */
const upstreams: WireApi[] = ["anthropic-messages", "openai-chat", "openai-responses"];

describe.concurrent("Claude Code 2.1.197 through the gateway writes a file with the Write tool", () => {
  for (const upstreamApi of upstreams) {
    it(`to a ${upstreamApi} upstream`, async ({ expect }) => {
      const e2e = await startE2eStack(upstreamApi);
      try {
        const filePath = join(e2e.workdir, "hello.txt");
        e2e.stack.setScript(claudeScript(filePath, "hi"));
        const run = await runClaude({
          baseUrl: e2e.proxy.url,
          apiKey: gatewayKey,
          prompt: "Create a file named hello.txt containing hi",
          cwd: e2e.workdir,
        });
        const observed = await e2e.saveObservations(`claude-${upstreamApi}`);
        const context = `exit ${run.exitCode}; observations in ${observed}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;

        expect(run.result, context).toBeDefined();
        expect(run.result?.is_error, context).toBe(false);
        expect(run.exitCode, context).toBe(0);
        expect(await readFile(filePath, "utf8")).toBe("hi");

        // The upstream saw the tool round trip: the Write tool offered, then its result for our id.
        const generations = e2e.stack.generationCalls().filter((call) => call.api === upstreamApi);
        const views = generations.map((call) => viewUpstreamRequest(upstreamApi, call.body));
        expect(views[0]?.toolNames).toContain("Write");
        const followUp = views.find((view) => view.toolResults.some((result) => result.callId === claudeCallId));
        expect(followUp, context).toBeDefined();
        expect(followUp?.historyToolCalls).toContainEqual({ callId: claudeCallId, name: "Write" });

        // What Claude Code sent the gateway (real-clients.md): a connectivity probe, then the turns.
        const probes = e2e.proxy.requests.filter((request) => request.method === "HEAD" && request.path === "/");
        for (const probe of probes) expect(probe.status).toBeGreaterThanOrEqual(200);
        for (const probe of probes) expect(probe.status).toBeLessThan(300);
        const messages = e2e.proxy.requests.filter(
          (request) => request.method === "POST" && request.path.startsWith("/v1/messages"),
        );
        expect(messages.length).toBeGreaterThanOrEqual(2);
        for (const request of messages) {
          expect(request.path).toBe("/v1/messages?beta=true");
          expect(headerOf(request.headers, "x-api-key")).toBe(gatewayKey);
          expect(headerOf(request.headers, "anthropic-version")).toBe("2023-06-01");
          expect(headerOf(request.headers, "anthropic-beta")).toContain("claude-code-20250219");
          expect(headerOf(request.headers, "user-agent")).toMatch(/^claude-cli\/2\.1\.197/);
          expect(request.status).toBe(200);
        }
        if (upstreamApi === "anthropic-messages") {
          // Passthrough keeps the beta query and headers the upstream needs to honour the same features.
          const first = generations[0];
          expect.soft(first?.path).toBe("/v1/messages?beta=true");
          expect.soft(headerOf(first?.headers ?? {}, "anthropic-beta")).toContain("claude-code-20250219");
        }
      } finally {
        await e2e.close();
      }
    });
  }
});
