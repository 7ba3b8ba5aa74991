import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../lib/logger.js";
import { openUsageStore } from "../store/open-usage-store.js";
import { testEngines } from "../store/testing/test-engines.js";
import type { McpCallRecord } from "./mcp-call-record.js";
import { createStoreMcpCallSink } from "./store-mcp-call-sink.js";

const dayMs = 86_400_000;

function call(fields: Partial<McpCallRecord> & Pick<McpCallRecord, "startedAt">): McpCallRecord {
  return { server: "memory", tool: "read_graph", keyId: "key_1", durationMs: 12, status: "ok", ...fields };
}

describe.each(testEngines)("tool calls in the usage store ($name)", (engine) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it("are written in batches, listed newest first by page and filter, and pruned past retention", async () => {
    const created = await engine.create();
    cleanup = created.cleanup;
    const logger = createLogger({ level: "silent" });
    const store = await openUsageStore({ store: created.options, logger });
    const calls = createStoreMcpCallSink({ store, logger, retentionDays: 30, flushIntervalMs: 60_000 });
    try {
      const now = Date.now();
      calls.record(call({ startedAt: new Date(now - 40 * dayMs).toISOString(), tool: "old" }));
      calls.record(call({ startedAt: new Date(now - 3_000).toISOString(), tool: "create_entities" }));
      calls.record(
        call({
          startedAt: new Date(now - 2_000).toISOString(),
          server: "filesystem",
          tool: "read_file",
          status: "refused",
          errorCode: -32029,
          error: "over its limit",
          sessionId: "s1",
        }),
      );
      calls.record(call({ startedAt: new Date(now - 1_000).toISOString() }));
      // Nothing is written on the request path: only at the next tick or flush.
      expect((await calls.list({ limit: 10 })).calls).toHaveLength(0);
      await calls.flush();
      const first = await calls.list({ limit: 2 });
      expect(first.calls.map((row) => row.tool)).toEqual(["read_graph", "read_file"]);
      expect(first.calls[1]).toMatchObject({
        server: "filesystem",
        key_id: "key_1",
        session_id: "s1",
        status: "refused",
        error_code: -32029,
        error: "over its limit",
        duration_ms: 12,
      });
      const second = await calls.list({ limit: 2, before: first.next_before ?? "" });
      expect(second.calls.map((row) => row.tool)).toEqual(["create_entities", "old"]);
      expect(second.next_before).toBeNull();
      expect((await calls.list({ limit: 10, server: "filesystem" })).calls).toHaveLength(1);
      expect((await calls.list({ limit: 10, server: "memory", tool: "old" })).calls).toHaveLength(1);
      expect(await calls.prune(now)).toBe(1);
      expect((await calls.list({ limit: 10 })).calls.map((row) => row.tool)).not.toContain("old");
    } finally {
      await calls.close();
      await store.close();
    }
  });

  it("keep a call whose text holds a NUL, the NUL stored as U+FFFD", async () => {
    const created = await engine.create();
    cleanup = created.cleanup;
    const logger = createLogger({ level: "silent" });
    const store = await openUsageStore({ store: created.options, logger });
    const calls = createStoreMcpCallSink({ store, logger, retentionDays: 30, flushIntervalMs: 60_000 });
    try {
      calls.record(
        call({ startedAt: new Date().toISOString(), tool: "t\u0000", error: "e\u0000", sessionId: "s\u0000" }),
      );
      await calls.flush();
      expect((await calls.list({ limit: 10 })).calls).toMatchObject([
        { tool: "t\uFFFD", error: "e\uFFFD", session_id: "s\uFFFD" },
      ]);
    } finally {
      await calls.close();
      await store.close();
    }
  });
});
