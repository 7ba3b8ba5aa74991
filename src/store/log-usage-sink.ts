import type { Logger } from "../lib/logger.js";
import type { UsageRecord, UsageSink } from "./usage-record.js";

/** The default sink: one log line per request. The store work adds SQLite/PostgreSQL sinks. */
export function createLogUsageSink(logger: Logger): UsageSink {
  return {
    record(entry: UsageRecord): void {
      logger.info({ usage: entry }, "request finished");
    },
  };
}

/** Keeps records in memory (tests, and the e2e suite's assertions). */
export function createMemoryUsageSink(): UsageSink & { records: UsageRecord[] } {
  const records: UsageRecord[] = [];
  return { records, record: (entry) => void records.push(entry) };
}
