import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import { gatewayKey } from "../../conformance/support/gateway-config.js";
import { viewUpstreamRequest } from "../../conformance/support/upstream-view.js";
import { claudeCallId, claudeScript } from "../support/claude-script.js";
import { runClaude } from "../support/run-claude.js";
import { assertCopilotBilling } from "./support/assert-copilot-billing.js";
import { startSubscriptionStack, type Subscription } from "./support/start-subscription-stack.js";

interface Row {
  subscription: Subscription;
  model: string;
  upstreamApi: WireApi;
  /** The upstream path of a generation request, as the fake recorded it. */
  upstreamPath: string;
  multiplier?: string;
}

const rows: Row[] = [
  {
    subscription: "copilot",
    model: "claude-sonnet-4.5",
    upstreamApi: "anthropic-messages",
    upstreamPath: "/copilot/v1/messages",
    multiplier: "1",
  },
  {
    subscription: "copilot",
    model: "gpt-4.1",
    upstreamApi: "openai-chat",
    upstreamPath: "/copilot/chat/completions",
    multiplier: "0",
  },
  {
    subscription: "duo",
    model: "duo-chat-sonnet-4-5",
    upstreamApi: "anthropic-messages",
    upstreamPath: "/ai/v1/proxy/anthropic/v1/messages?beta=true",
  },
  {
    subscription: "duo",
    model: "duo-chat-gpt-5-1",
    upstreamApi: "openai-chat",
    upstreamPath: "/ai/v1/proxy/openai/v1/chat/completions",
  },
];

describe.concurrent("Claude Code 2.1.197 writes a file through a subscription provider", () => {
  for (const row of rows) {
    it(`${row.subscription} ${row.model} (${row.upstreamApi})`, async ({ expect }) => {
      const stack = await startSubscriptionStack(row.subscription);
      try {
        const filePath = join(stack.workdir, "hello.txt");
        stack.setScript(claudeScript(filePath, "hi"));
        const run = await runClaude({
          baseUrl: stack.proxy.url,
          apiKey: gatewayKey,
          prompt: "Create a file named hello.txt containing hi",
          cwd: stack.workdir,
          model: row.model,
        });
        const calls = stack.calls();
        const context = `exit ${run.exitCode}\nupstream: ${JSON.stringify(calls.map((call) => [call.path, call.headers["x-initiator"]]))}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-1500)}`;

        expect(run.result?.is_error, context).toBe(false);
        expect(run.exitCode, context).toBe(0);
        expect(await readFile(filePath, "utf8")).toBe("hi");

        // The tool round trip reached the subscription upstream: Write offered, then its result.
        expect(new Set(calls.map((call) => call.api)), context).toEqual(new Set([row.upstreamApi]));
        expect(new Set(calls.map((call) => call.path)), context).toEqual(new Set([row.upstreamPath]));
        const views = calls.map((call) => viewUpstreamRequest(row.upstreamApi, call.body));
        expect(views[0]?.toolNames).toContain("Write");
        const followUp = views.findIndex((view) => view.toolResults.some((result) => result.callId === claudeCallId));
        expect(followUp, context).toBeGreaterThan(0);
        expect(views[followUp]?.historyToolCalls).toContainEqual({ callId: claudeCallId, name: "Write" });

        // Claude Code's own requests still reached the gateway as real-clients.md describes.
        const messages = stack.proxy.requests.filter((request) => request.method === "POST");
        for (const request of messages) expect(request.path).toBe("/v1/messages?beta=true");

        if (row.upstreamApi === "anthropic-messages") {
          // Passthrough keeps the client's betas (Copilot refuses `context_management` without its beta).
          expect(calls[0]?.headers["anthropic-beta"], context).toContain("claude-code-20250219");
          expect(calls[0]?.headers["anthropic-version"], context).toBe("2023-06-01");
        }
        if (row.subscription === "copilot") {
          assertCopilotBilling({
            expect,
            stack,
            clientPath: "/v1/messages",
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
