import type { Kysely } from "kysely";
import type { StoreDatabase } from "../schema.js";
import type { QuotaSnapshot } from "../usage-store.js";

export async function insertQuotaSnapshot(db: Kysely<StoreDatabase>, snapshot: QuotaSnapshot): Promise<void> {
  await db
    .insertInto("copilot_quota_snapshots")
    .values({
      provider: snapshot.provider,
      taken_at: snapshot.takenAt,
      entitlement: snapshot.entitlement ?? null,
      remaining: snapshot.remaining ?? null,
      percent_remaining: snapshot.percentRemaining ?? null,
      unlimited: snapshot.unlimited ? 1 : 0,
      reset_date: snapshot.resetDate ?? null,
    })
    .onConflict((conflict) => conflict.columns(["provider", "taken_at"]).doNothing())
    .execute();
}

export async function listQuotaSnapshots(
  db: Kysely<StoreDatabase>,
  options: { provider?: string; from: number; to: number },
): Promise<QuotaSnapshot[]> {
  let select = db
    .selectFrom("copilot_quota_snapshots")
    .selectAll()
    .where("taken_at", ">=", options.from)
    .where("taken_at", "<", options.to);
  if (options.provider !== undefined) select = select.where("provider", "=", options.provider);
  const rows = await select.orderBy("taken_at").execute();
  return rows.map((row) => {
    const snapshot: QuotaSnapshot = {
      provider: row.provider,
      takenAt: Number(row.taken_at),
      unlimited: Number(row.unlimited) === 1,
    };
    if (row.entitlement !== null) snapshot.entitlement = Number(row.entitlement);
    if (row.remaining !== null) snapshot.remaining = Number(row.remaining);
    if (row.percent_remaining !== null) snapshot.percentRemaining = Number(row.percent_remaining);
    if (row.reset_date !== null) snapshot.resetDate = row.reset_date;
    return snapshot;
  });
}
