import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import { insertRows } from "./insert-rows.js";
import { toRequestRow } from "./request-row.js";
import { applyRollups, sumRollups } from "./rollups.js";
import type { StoreDatabase } from "./schema.js";
import type { UsageRecord } from "./usage-record.js";

// One statement per 500-row batch: ~40 columns a row stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const rowsPerStatement = 500;

async function insertRaw(
  db: Kysely<StoreDatabase>,
  records: UsageRecord[],
  sqlite: BetterSqlite3.Database | undefined,
): Promise<void> {
  for (let start = 0; start < records.length; start += rowsPerStatement) {
    const chunk = records.slice(start, start + rowsPerStatement);
    // A batch retried after an unclear failure must not fail on its own earlier rows.
    await insertRows({
      db,
      table: "requests",
      rows: chunk.map(toRequestRow) as unknown as Array<Record<string, unknown>>,
      cacheKey: "requests",
      conflictColumn: "id",
      ...(sqlite === undefined ? {} : { sqlite }),
      build: (database, sample) =>
        database
          .insertInto("requests")
          .values(sample as never)
          .onConflict((conflict) => conflict.column("id").doNothing()),
    });
    const bodies = chunk.filter((record) => record.bodies !== undefined);
    if (bodies.length > 0) {
      await db
        .insertInto("request_bodies")
        .values(
          bodies.map((record) => ({
            request_id: record.requestId,
            started_at: Date.parse(record.startedAt),
            request_body: record.bodies?.request ?? null,
            response_body: record.bodies?.response ?? null,
          })),
        )
        .onConflict((conflict) => conflict.column("request_id").doNothing())
        .execute();
    }
  }
}

async function insertRollups(db: Kysely<StoreDatabase>, records: UsageRecord[]): Promise<void> {
  const sums = sumRollups(records);
  await applyRollups(db, "usage_hourly", sums.usage_hourly);
  await applyRollups(db, "usage_daily", sums.usage_daily);
}

/**
 * Writes one batch. The raw rows and their rollups go in one transaction, so views and rows
 * agree; when that fails, the raw rows alone are tried, so that a failed rollup never loses a
 * row (the caller keeps those records for a later rollup: `rollupPending` is true then).
 */
export async function writeBatch(
  db: Kysely<StoreDatabase>,
  records: UsageRecord[],
  pendingRollup: UsageRecord[],
  /** The SQLite connection under `db` (engine sqlite): rows are written through one prepared statement. */
  sqlite?: BetterSqlite3.Database,
): Promise<{ rollupPending: boolean; rollupError?: unknown }> {
  try {
    await db.transaction().execute(async (transaction) => {
      await insertRaw(transaction, records, sqlite);
      await insertRollups(transaction, [...pendingRollup, ...records]);
    });
    return { rollupPending: false };
  } catch (rollupError) {
    await db.transaction().execute((transaction) => insertRaw(transaction, records, sqlite));
    return { rollupPending: true, rollupError };
  }
}
