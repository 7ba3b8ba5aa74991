import type { UsageStore } from "../usage-store.js";

/**
 * What a key spent since a moment, summed over its request rows: the budgets' starting point after
 * a restart, and what the dashboard's Keys page shows against each allowance.
 */
export async function keySpendSince(
  store: UsageStore,
  keyId: string,
  since: number,
): Promise<{ usd: number; premium: number }> {
  const row = await store.db
    .selectFrom("requests")
    .select((builder) => [
      builder.fn.sum<number | string | null>("cost_usd").as("usd"),
      builder.fn.sum<number | string | null>("premium_spent").as("premium"),
    ])
    .where("key_id", "=", keyId)
    .where("started_at", ">=", since)
    .executeTakeFirst();
  // PostgreSQL answers sums of numerics as strings; an empty sum is null.
  return { usd: Number(row?.usd ?? 0), premium: Number(row?.premium ?? 0) };
}
