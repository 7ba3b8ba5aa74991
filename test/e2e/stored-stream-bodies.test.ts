import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import type { UsageRecord } from "../../src/store/usage-record.js";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { claudeCallId, claudeScript } from "./support/claude-script.js";
import { runClaude } from "./support/run-claude.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

/** Passthrough (Messages to Messages) and translation (Messages to Responses). */
const upstreams: WireApi[] = ["anthropic-messages", "openai-responses"];

describe.concurrent("with store.bodies, Claude Code's streamed answers are kept as it received them", () => {
  for (const upstreamApi of upstreams) {
    it(`from a ${upstreamApi} upstream, read back through /api/requests/<id>`, async ({ expect }) => {
      const folder = await mkdtemp(join(tmpdir(), "switchboard-e2e-bodies-"));
      const usageStore = await openUsageStore({
        store: baseStoreOptions({ path: join(folder, "usage.sqlite"), bodies: true, flushIntervalMs: 50 }),
        logger: createSilentLogger(),
      });
      const e2e = await startE2eStack(upstreamApi, { usageStore, store: { bodies: true } });
      try {
        e2e.stack.setScript(claudeScript(join(e2e.workdir, "hello.txt"), "hi"));
        const run = await runClaude({
          baseUrl: e2e.proxy.url,
          apiKey: gatewayKey,
          prompt: "Create a file named hello.txt containing hi",
          cwd: e2e.workdir,
        });
        expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
        await usageStore.flush();

        const turns = e2e.proxy.requests.filter(
          (request) => request.method === "POST" && request.path.startsWith("/v1/messages?"),
        );
        const records: UsageRecord[] = [];
        for (const turn of turns) {
          const id = headerOf(turn.responseHeaders ?? {}, "x-request-id");
          const response = await fetch(`${e2e.stack.gatewayUrl}/api/requests/${id}`, {
            headers: { authorization: `Bearer ${gatewayKey}` },
          });
          expect(response.status).toBe(200);
          records.push((await response.json()) as UsageRecord);
        }
        const streamed = records.filter((record) => record.stream);
        expect(streamed.length, JSON.stringify(records.map((record) => record.requestId))).toBeGreaterThanOrEqual(2);
        for (const record of streamed) {
          expect(record).toMatchObject({ client: "claude-code", passthrough: upstreamApi === "anthropic-messages" });
          // Claude Code's request (~76 K characters) is kept too, cut at 64 K.
          expect(record.bodies?.request?.startsWith('{"model":')).toBe(true);
          // The SSE text Claude Code read: Anthropic events from the first to the last.
          expect(record.bodies?.response).toMatch(/^event: message_start\ndata: \{/);
          expect(record.bodies?.response?.trimEnd()).toMatch(/event: message_stop\ndata: \{"type":"message_stop"\}$/);
        }
        // The turn that asked for the Write tool, as Claude Code received it.
        const toolTurn = streamed.find((record) => record.bodies?.response?.includes(`"id":"${claudeCallId}"`));
        expect(toolTurn?.bodies?.response).toContain('"name":"Write"');
        expect(toolTurn?.bodies?.request).toContain("Create a file named hello.txt containing hi");
      } finally {
        await e2e.close();
        await rm(folder, { recursive: true, force: true });
      }
    });
  }
});
