import type BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { Logger } from "../lib/logger.js";
import type { StoreDatabase } from "./schema.js";
import type { UsageRecord } from "./usage-record.js";
import { writeBatchToSqlite } from "./sqlite/write-batch-sqlite.js";
import { writeBatch, type BatchWritten } from "./write-batch.js";

// Records whose rollup failed, kept for the next batch's rollup; past this they are left to the raw rows.
const pendingRollupMax = 50_000;

/** Whether the database answers at all (to tell a bad row from a database that is down). */
async function answers(db: Kysely<StoreDatabase>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the write queue calls with each batch. Throws only when the database is unreachable (the
 * queue keeps the batch then). A row the database refuses is dropped and counted, so that it
 * cannot hold up every row behind it; a failed rollup is retried with the next batch.
 */
export function createBatchWriter(options: {
  database: () => { db: Kysely<StoreDatabase>; sqlite?: BetterSqlite3.Database };
  logger: Logger;
}): { write: (batch: UsageRecord[]) => Promise<void>; rejected: () => number } {
  const { logger } = options;
  let pendingRollup: UsageRecord[] = [];
  let rollupWarned = false;
  let rejected = 0;
  return {
    rejected: () => rejected,
    async write(batch) {
      const { db, sqlite } = options.database();
      // SQLite: synchronous, through statements of its own; PostgreSQL: through Kysely.
      const write = (records: UsageRecord[], pending: UsageRecord[]): Promise<BatchWritten> =>
        sqlite === undefined
          ? writeBatch(db, records, pending)
          : Promise.resolve().then(() => writeBatchToSqlite(sqlite, records, pending));
      let result: BatchWritten;
      try {
        result = await write(batch, pendingRollup);
      } catch (error) {
        if (!(await answers(db))) throw error;
        for (const row of batch) {
          await write([row], []).catch((rowError: unknown) => {
            rejected += 1;
            logger.error({ err: rowError, requestId: row.requestId }, "usage row refused by the database; dropped");
          });
        }
        return;
      }
      if (result.rollupPending) {
        pendingRollup = [...pendingRollup, ...batch].slice(-pendingRollupMax);
        if (!rollupWarned)
          logger.warn({ err: result.rollupError }, "usage rollup failed; raw rows kept, rollup retried");
        rollupWarned = true;
      } else {
        pendingRollup = [];
        rollupWarned = false;
      }
    },
  };
}
