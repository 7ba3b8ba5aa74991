import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import { gatewayKey } from "../../conformance/support/gateway-config.js";
import { viewUpstreamRequest } from "../../conformance/support/upstream-view.js";
import { codexCallId, codexScript, type CodexToolChoice } from "../support/codex-script.js";
import { runCodex } from "../support/run-codex.js";
import { assertCopilotBilling } from "./support/assert-copilot-billing.js";
import { startSubscriptionStack, type Subscription } from "./support/start-subscription-stack.js";

interface Row {
  subscription: Subscription;
  model: string;
  upstreamApi: WireApi;
  multiplier?: string;
}

const rows: Row[] = [
  // Copilot offers this model on /responses only: passthrough.
  { subscription: "copilot", model: "gpt-5.1-codex", upstreamApi: "openai-responses", multiplier: "1" },
  { subscription: "copilot", model: "claude-sonnet-4.5", upstreamApi: "anthropic-messages", multiplier: "1" },
  { subscription: "duo", model: "duo-chat-gpt-5-1", upstreamApi: "openai-chat" },
  { subscription: "duo", model: "duo-chat-sonnet-4-5", upstreamApi: "anthropic-messages" },
  // Duo's codex models are served on the OpenAI proxy's Responses route: passthrough.
  { subscription: "duo", model: "duo-chat-gpt-5-codex", upstreamApi: "openai-responses" },
];

describe.concurrent("Codex 0.169.0 runs a shell command through a subscription provider", () => {
  for (const row of rows) {
    it(`${row.subscription} ${row.model} (${row.upstreamApi})`, async ({ expect }) => {
      const stack = await startSubscriptionStack(row.subscription);
      try {
        const choices: CodexToolChoice[] = [];
        stack.setScript(codexScript("made-by-codex.txt", "hi", choices));
        const run = await runCodex({
          baseUrl: stack.proxy.url,
          apiKey: gatewayKey,
          prompt: "Create a file named made-by-codex.txt containing hi",
          cwd: stack.workdir,
          model: row.model,
          setup: "custom-provider",
        });
        const calls = stack.calls();
        const context = `exit ${run.exitCode}; tool ${choices.join(",")}\nupstream: ${JSON.stringify(calls.map((call) => [call.path, call.headers["x-initiator"]]))}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-2500)}`;

        expect(run.exitCode, context).toBe(0);
        const written = await readFile(join(stack.workdir, "made-by-codex.txt"), "utf8").catch(() => "(missing)");
        expect(written, context).toBe("hi");

        expect(new Set(calls.map((call) => call.api)), context).toEqual(new Set([row.upstreamApi]));
        const views = calls.map((call) => viewUpstreamRequest(row.upstreamApi, call.body));
        const followUp = views.findIndex((view) => view.toolResults.some((result) => result.callId === codexCallId));
        expect(followUp, context).toBeGreaterThan(0);

        const posts = stack.proxy.requests.filter((request) => request.method === "POST");
        expect(posts.length, context).toBeGreaterThanOrEqual(2);
        for (const request of posts) expect(request.path).toBe("/v1/responses");

        if (row.subscription === "copilot") {
          assertCopilotBilling({
            expect,
            stack,
            clientPath: "/v1/responses",
            model: row.model,
            multiplier: row.multiplier ?? "unknown",
            context,
          });
        }
      } finally {
        await stack.close();
      }
    });
  }
});
