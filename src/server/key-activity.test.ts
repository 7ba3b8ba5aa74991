import { afterEach, describe, expect, it } from "vitest";
import type { KeySummary } from "../keys/virtual-key.js";
import { createSilentLogger } from "../lib/logger.js";
import { openUsageStore } from "../store/open-usage-store.js";
import { sampleRecord } from "../store/testing/sample-record.js";
import { testEngines } from "../store/testing/test-engines.js";
import { keyActivityFromStore } from "./key-activity.js";

const now = Date.UTC(2026, 11, 16, 12); // a Wednesday
const day = 86_400_000;

function key(id: string, limits: KeySummary["limits"]): KeySummary {
  return { id, name: id, hint: "sk-sb-…", limits, createdAt: new Date(now - 60 * day).toISOString() };
}

describe.each(testEngines)("key activity from the usage store on $name", (engine) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("sums each key's spend in its budget's and allowance's current period, and finds its last use", async () => {
    const created = await engine.create();
    const store = await openUsageStore({ store: created.options, logger: createSilentLogger() });
    cleanups.push(created.cleanup, () => store.close());
    const at = (ms: number) => new Date(ms).toISOString();
    store.record(sampleRecord({ keyId: "key_a", startedAt: at(now - 10 * day), costUsd: 5, premiumSpent: 3 }));
    store.record(sampleRecord({ keyId: "key_a", startedAt: at(now - 2 * day), costUsd: 1.25, premiumSpent: 2 }));
    store.record(sampleRecord({ keyId: "key_a", startedAt: at(now - 3_600_000), costUsd: 0.5, premiumSpent: 1 }));
    store.record(sampleRecord({ keyId: "key_b", startedAt: at(now - 40 * day), costUsd: 9, premiumSpent: 9 }));
    await store.flush();
    const read = keyActivityFromStore(store, () => now);
    const activity = await read([
      key("key_a", { budget: { usd: 50, period: "month" }, premiumRequests: { count: 300, period: "week" } }),
      key("key_b", { budget: { usd: 10, period: "day" } }),
      key("key_c", {}),
    ]);
    expect(activity.get("key_a")).toEqual({
      lastUsedAt: at(now - 3_600_000),
      // December: all three rows; the week from Monday the 14th: the last two.
      spentUsd: 6.75,
      spentPremium: 3,
      budgetResetsAt: "2027-01-01T00:00:00.000Z",
      premiumResetsAt: "2026-12-21T00:00:00.000Z",
    });
    expect(activity.get("key_b")).toEqual({
      lastUsedAt: at(now - 40 * day),
      spentUsd: 0,
      spentPremium: null,
      budgetResetsAt: "2026-12-17T00:00:00.000Z",
      premiumResetsAt: null,
    });
    expect(activity.get("key_c")).toEqual({
      lastUsedAt: null,
      spentUsd: null,
      spentPremium: null,
      budgetResetsAt: null,
      premiumResetsAt: null,
    });
  });
});
