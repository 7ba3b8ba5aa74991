import type BetterSqlite3 from "better-sqlite3";
import { requestColumns, toRequestValues } from "../request-row.js";
import { rollupUpsertSql, rollupValues, sumRollups, type RollupTableName } from "../rollups.js";
import type { UsageRecord } from "../usage-record.js";
import type { BatchWritten } from "../write-batch.js";

interface Statements {
  insertRequest: BetterSqlite3.Statement;
  insertBody: BetterSqlite3.Statement;
  /** Prepared at their first use, inside the batch's transaction: a rollup table that fails must not fail the raw rows. */
  upsert: Map<RollupTableName, BetterSqlite3.Statement>;
  raw: (records: UsageRecord[]) => void;
  all: (records: UsageRecord[], rollup: UsageRecord[]) => void;
}

const statementsOf = new WeakMap<BetterSqlite3.Database, Statements>();

function prepare(database: BetterSqlite3.Database): Statements {
  const columns = requestColumns.map((column) => `"${column}"`).join(", ");
  const marks = requestColumns.map(() => "?").join(", ");
  const statements = {
    // A batch retried after an unclear failure must not fail on its own earlier rows.
    insertRequest: database.prepare(
      `insert into "requests" (${columns}) values (${marks}) on conflict ("id") do nothing`,
    ),
    insertBody: database.prepare(
      `insert into "request_bodies" ("request_id", "started_at", "request_body", "response_body") values (?, ?, ?, ?) on conflict ("request_id") do nothing`,
    ),
    upsert: new Map(),
  } as Statements;
  const insertRaw = (records: UsageRecord[]) => {
    for (const record of records) {
      statements.insertRequest.run(toRequestValues(record));
      const bodies = record.bodies;
      if (bodies !== undefined) {
        statements.insertBody.run(
          record.requestId,
          Date.parse(record.startedAt),
          bodies.request ?? null,
          bodies.response ?? null,
        );
      }
    }
  };
  statements.raw = database.transaction(insertRaw);
  statements.all = database.transaction((records: UsageRecord[], rollup: UsageRecord[]) => {
    insertRaw(records);
    const sums = sumRollups(rollup);
    for (const table of ["usage_hourly", "usage_daily"] as const) {
      let upsert = statements.upsert.get(table);
      if (upsert === undefined)
        statements.upsert.set(table, (upsert = database.prepare(rollupUpsertSql(table, 1, "?"))));
      for (const row of sums[table]) upsert.run(rollupValues(row));
    }
  });
  statementsOf.set(database, statements);
  return statements;
}

/**
 * The SQLite engine's batch write: synchronous, through statements prepared once, in one
 * better-sqlite3 transaction. The same rows and rollups as the PostgreSQL path, without a query
 * builder between: on small requests the store's work is a share of each request's CPU, and
 * building and compiling SQL for every batch was a large part of it (bench/RESULTS.md).
 */
export function writeBatchToSqlite(
  database: BetterSqlite3.Database,
  records: UsageRecord[],
  pendingRollup: UsageRecord[],
): BatchWritten {
  const statements = statementsOf.get(database) ?? prepare(database);
  try {
    statements.all(records, pendingRollup.length === 0 ? records : [...pendingRollup, ...records]);
    return { rollupPending: false };
  } catch (rollupError) {
    statements.raw(records);
    return { rollupPending: true, rollupError };
  }
}
