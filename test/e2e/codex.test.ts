import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "vitest";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { viewUpstreamRequest } from "../conformance/support/upstream-view.js";
import { codexMatrix } from "./support/codex-matrix.js";
import { codexCallId, codexScript, type CodexToolChoice } from "./support/codex-script.js";
import { runCodex } from "./support/run-codex.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

describe.concurrent("Codex 0.169.0 through the gateway runs a shell command that writes a file", () => {
  for (const row of codexMatrix(process.env["E2E_FULL"] === "1")) {
    it(`${row.model}, ${row.setup}, to a ${row.upstreamApi} upstream`, async ({ expect }) => {
      const e2e = await startE2eStack(row.upstreamApi);
      try {
        const choices: CodexToolChoice[] = [];
        e2e.stack.setScript(codexScript("made-by-codex.txt", "hi", choices));
        const run = await runCodex({
          baseUrl: e2e.proxy.url,
          apiKey: gatewayKey,
          prompt: "Create a file named made-by-codex.txt containing hi",
          cwd: e2e.workdir,
          model: row.model,
          setup: row.setup,
        });
        const observed = await e2e.saveObservations(`codex-${row.model}-${row.setup}-${row.upstreamApi}`);
        const context = `exit ${run.exitCode}; tool ${choices.join(",")}; observations in ${observed}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-2500)}`;

        if (run.login !== undefined) expect(run.login.exitCode, run.login.stderr).toBe(0);
        expect(run.exitCode, context).toBe(0);
        expect(await readFile(join(e2e.workdir, "made-by-codex.txt"), "utf8").catch(() => "(missing)"), context).toBe(
          "hi",
        );

        // The upstream's second request carries the command's output under our call id.
        const generations = e2e.stack.generationCalls().filter((call) => call.api === row.upstreamApi);
        const views = generations.map((call) => viewUpstreamRequest(row.upstreamApi, call.body));
        const followUp = views.find((view) => view.toolResults.some((result) => result.callId === codexCallId));
        expect(followUp, context).toBeDefined();
        if (row.upstreamApi === "openai-responses") {
          // Passthrough: Codex's own item types arrive unchanged.
          const items = (generations.at(-1)?.body as { input?: Array<{ type?: string }> }).input ?? [];
          const outputType = choices[0] === "code-mode exec" ? "custom_tool_call_output" : "function_call_output";
          expect(items.map((item) => item.type)).toContain(outputType);
        }

        // What Codex sent the gateway (real-clients.md). The built-in provider talks over the
        // Responses WebSocket when the gateway serves it (101), so its turns are not HTTP POSTs.
        const upgrades = e2e.proxy.requests.filter((request) => request.upgrade);
        const servedOverWebSocket = upgrades[0]?.status === 101;
        const posts = e2e.proxy.requests.filter(
          (request) => request.method === "POST" && request.path.startsWith("/v1/responses"),
        );
        if (!servedOverWebSocket) expect(posts.length, context).toBeGreaterThanOrEqual(2);
        for (const request of posts) {
          expect(request.path).toBe("/v1/responses");
          expect(headerOf(request.headers, "authorization")).toBe(`Bearer ${gatewayKey}`);
          expect(headerOf(request.headers, "originator")).toBe("codex_exec");
          expect(headerOf(request.headers, "user-agent")).toMatch(/^codex_exec\/0\.169\.0/);
          expect(request.status).toBe(200);
        }
        if (row.setup === "builtin-provider") {
          // The built-in provider tries a WebSocket first; 426 sends it straight to HTTP, 101 means it was served.
          expect(upgrades.length, context).toBeGreaterThanOrEqual(1);
          expect(upgrades[0]?.path).toBe("/v1/responses");
          expect(headerOf(upgrades[0]?.headers ?? {}, "openai-beta")).toMatch(/^responses_websockets=/);
          expect([101, 426], context).toContain(upgrades[0]?.status);
        } else {
          expect(upgrades).toEqual([]);
        }
      } finally {
        await e2e.close();
      }
    });
  }
});
