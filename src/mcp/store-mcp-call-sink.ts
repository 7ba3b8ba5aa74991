import type { Kysely } from "kysely";
import type { Logger } from "../lib/logger.js";
import type { UsageStore } from "../store/usage-store.js";
import { WriteQueue } from "../store/write-queue.js";
import type { McpCallSink } from "./mcp-call-record.js";
import {
  insertMcpCalls,
  listMcpCalls,
  pruneMcpCalls,
  toMcpCallRow,
  type McpCallQuery,
  type McpCallRow,
  type McpCallsDatabase,
} from "./mcp-calls-table.js";

const dayMs = 86_400_000;

/** Tool calls kept in the usage store: written off the request path, read by the admin API. */
export interface StoredMcpCalls extends McpCallSink {
  list(query: McpCallQuery): ReturnType<typeof listMcpCalls>;
  /** Deletes calls past the store's retention (run daily; exposed for tests). */
  prune(now?: number): Promise<number>;
  flush(): Promise<void>;
  /** Writes what is queued and stops the timers; the usage store is closed by its owner, after this. */
  close(): Promise<void>;
}

/**
 * Each tool call becomes a row of `mcp_calls`, through the store's own write queue: `record`
 * never waits and never throws, rows are written in batches every `flushIntervalMs`, a batch
 * that fails waits for the next tick, and a full queue drops rows (counted, warned once).
 * Pruned with the usage rows' retention (`store.retention_days`).
 */
export function createStoreMcpCallSink(options: {
  store: UsageStore;
  logger: Logger;
  retentionDays: number;
  flushIntervalMs?: number;
  queueMax?: number;
  batchSize?: number;
}): StoredMcpCalls {
  const { store, logger } = options;
  const db = () => store.db as unknown as Kysely<McpCallsDatabase>;
  let warned = false;
  const queue = new WriteQueue<McpCallRow>({
    capacity: options.queueMax ?? 10_000,
    batchSize: options.batchSize ?? 500,
    intervalMs: options.flushIntervalMs ?? 1_000,
    write: async (batch) => {
      if (!store.health().up) throw new Error(store.health().error ?? "the usage store is down");
      await insertMcpCalls(db(), batch);
      warned = false;
    },
    onOverflow: (dropped) => {
      if (dropped === 1) logger.warn("mcp call rows are being dropped: the usage store's queue for them is full");
    },
    onWriteError: (error) => {
      if (!warned) logger.warn({ err: error }, "mcp call rows could not be written; retrying");
      warned = true;
    },
  });
  const prune = async (now = Date.now()): Promise<number> => {
    if (!store.health().up) return 0;
    return pruneMcpCalls(db(), now - options.retentionDays * dayMs);
  };
  const daily = setInterval(
    () =>
      void prune().catch((error: unknown) => logger.warn({ err: error }, "mcp call pruning failed; tried tomorrow")),
    dayMs,
  );
  daily.unref();
  const first = setTimeout(() => void prune().catch(() => undefined), 60_000);
  first.unref();
  return {
    record(entry) {
      try {
        queue.push(toMcpCallRow(entry));
      } catch (error) {
        logger.error({ err: error }, "mcp call record failed");
      }
    },
    async list(query) {
      if (!store.health().up) throw new Error(store.health().error ?? "the usage store is down");
      return listMcpCalls(db(), query);
    },
    prune,
    flush: () => queue.flush(),
    async close() {
      clearInterval(daily);
      clearTimeout(first);
      await queue.flush();
      queue.stop();
    },
  };
}

/** Several sinks as one (the store and the log). */
export function teeMcpCallSinks(...sinks: McpCallSink[]): McpCallSink {
  return { record: (entry) => sinks.forEach((sink) => sink.record(entry)) };
}
