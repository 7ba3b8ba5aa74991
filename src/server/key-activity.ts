import type { KeySummary } from "../keys/virtual-key.js";
import { periodWindow } from "../limits/periods.js";
import { keySpendSince } from "../store/queries/key-spend.js";
import type { UsageStore } from "../store/usage-store.js";

/** What the usage store says a key did: when it was last used, and what it spent this period. */
export interface KeyActivity {
  lastUsedAt: string | null;
  /** Estimated spend in the budget's current period; null without a budget. */
  spentUsd: number | null;
  /** Premium requests in the allowance's current period; null without an allowance. */
  spentPremium: number | null;
  /** When the budget's and the allowance's periods end. */
  budgetResetsAt: string | null;
  premiumResetsAt: string | null;
}

export type ReadKeyActivity = (keys: KeySummary[]) => Promise<Map<string, KeyActivity>>;

/**
 * Reads key activity from the store's rows (the same rows budgets are seeded from). Rows reach
 * the store in batches about once a second, so a request just answered may not count yet.
 * Two small queries per key with a budget or allowance, one for all keys' last use.
 */
export function keyActivityFromStore(store: UsageStore, now: () => number = Date.now): ReadKeyActivity {
  const { db } = store;
  const spentSince = (keyId: string, since: number) => keySpendSince(store, keyId, since);
  return async (keys) => {
    const answer = new Map<string, KeyActivity>();
    if (keys.length === 0) return answer;
    const lastUse = await db
      .selectFrom("requests")
      .select((builder) => ["key_id", builder.fn.max<number | string>("started_at").as("last")])
      .where(
        "key_id",
        "in",
        keys.map((key) => key.id),
      )
      .groupBy("key_id")
      .execute();
    const lastById = new Map(lastUse.map((row) => [row.key_id, Number(row.last)]));
    const at = now();
    for (const key of keys) {
      const { budget, premiumRequests } = key.limits;
      const budgetWindow = budget === undefined ? undefined : periodWindow(budget.period, at);
      const premiumWindow = premiumRequests === undefined ? undefined : periodWindow(premiumRequests.period, at);
      const last = lastById.get(key.id);
      answer.set(key.id, {
        lastUsedAt: last === undefined ? null : new Date(last).toISOString(),
        spentUsd: budgetWindow === undefined ? null : (await spentSince(key.id, budgetWindow.startsAt)).usd,
        spentPremium: premiumWindow === undefined ? null : (await spentSince(key.id, premiumWindow.startsAt)).premium,
        budgetResetsAt: budgetWindow === undefined ? null : new Date(budgetWindow.endsAt).toISOString(),
        premiumResetsAt: premiumWindow === undefined ? null : new Date(premiumWindow.endsAt).toISOString(),
      });
    }
    return answer;
  };
}
