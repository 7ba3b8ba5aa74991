import { setImmediate as yieldToEvents } from "node:timers/promises";
import type { Kysely } from "kysely";
import type { StoreDatabase } from "./schema.js";

const dayMs = 86_400_000;

export interface PruneOptions {
  retentionDays: number;
  bodyRetentionDays: number;
  now?: number;
  /** Rows per delete: small, so that a batch of new rows never waits long behind one. */
  batchSize?: number;
}

async function deleteInBatches(
  db: Kysely<StoreDatabase>,
  table: "requests" | "request_bodies",
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const idColumn = table === "requests" ? "id" : "request_id";
  let total = 0;
  for (;;) {
    const result = await db
      .deleteFrom(table)
      .where(idColumn, "in", (select) =>
        select.selectFrom(table).select(idColumn).where("started_at", "<", cutoff).limit(batchSize),
      )
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
    // Let queued writes and requests run between batches.
    await yieldToEvents();
  }
}

/** Deletes rows past their retention, in small batches. Returns how many raw rows and bodies went. */
export async function pruneStore(
  db: Kysely<StoreDatabase>,
  options: PruneOptions,
): Promise<{ requests: number; bodies: number }> {
  const now = options.now ?? Date.now();
  const batchSize = options.batchSize ?? 500;
  const cutoff = now - options.retentionDays * dayMs;
  const bodies = await deleteInBatches(db, "request_bodies", now - options.bodyRetentionDays * dayMs, batchSize);
  const requests = await deleteInBatches(db, "requests", cutoff, batchSize);
  // Rollups are few (one per hour or day and dimension): one statement each.
  await db.deleteFrom("usage_hourly").where("bucket_start", "<", cutoff).execute();
  await db
    .deleteFrom("usage_daily")
    .where("bucket_start", "<", cutoff - dayMs)
    .execute();
  await db.deleteFrom("copilot_quota_snapshots").where("taken_at", "<", cutoff).execute();
  return { requests, bodies };
}
