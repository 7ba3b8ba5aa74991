import type { Kysely } from "kysely";
import { insertByColumns } from "./postgres/insert-by-columns.js";
import { requestColumns, toRequestValues } from "./request-row.js";
import { applyRollups, sumRollups } from "./rollups.js";
import type { StoreDatabase } from "./schema.js";
import type { UsageRecord } from "./usage-record.js";

/** What a batch's write says about its rollup: when it failed, the caller keeps the records for the next. */
export interface BatchWritten {
  rollupPending: boolean;
  rollupError?: unknown;
}

async function insertRaw(db: Kysely<StoreDatabase>, records: UsageRecord[]): Promise<void> {
  // A batch retried after an unclear failure must not fail on its own earlier rows.
  await insertByColumns(db, "requests", requestColumns, records.map(toRequestValues), "id");
  const bodies = records.filter((record) => record.bodies !== undefined);
  if (bodies.length > 0) {
    await insertByColumns(
      db,
      "request_bodies",
      ["request_id", "started_at", "request_body", "response_body"],
      bodies.map((record) => [
        record.requestId,
        Date.parse(record.startedAt),
        record.bodies?.request ?? null,
        record.bodies?.response ?? null,
      ]),
      "request_id",
    );
  }
}

async function insertRollups(db: Kysely<StoreDatabase>, records: UsageRecord[]): Promise<void> {
  const sums = sumRollups(records);
  await applyRollups(db, "usage_hourly", sums.usage_hourly);
  await applyRollups(db, "usage_daily", sums.usage_daily);
}

/**
 * Writes one batch through Kysely (PostgreSQL; SQLite has its own synchronous path,
 * `sqlite/write-batch-sqlite.ts`). The raw rows and their rollups go in one transaction, so views
 * and rows agree; when that fails, the raw rows alone are tried, so that a failed rollup never
 * loses a row (the caller keeps those records for a later rollup: `rollupPending` is true then).
 */
export async function writeBatch(
  db: Kysely<StoreDatabase>,
  records: UsageRecord[],
  pendingRollup: UsageRecord[],
): Promise<BatchWritten> {
  try {
    await db.transaction().execute(async (transaction) => {
      await insertRaw(transaction, records);
      await insertRollups(transaction, [...pendingRollup, ...records]);
    });
    return { rollupPending: false };
  } catch (rollupError) {
    await db.transaction().execute((transaction) => insertRaw(transaction, records));
    return { rollupPending: true, rollupError };
  }
}
