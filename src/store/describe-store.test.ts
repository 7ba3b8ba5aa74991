import { describe, expect, it } from "vitest";
import { describeStore } from "./describe-store.js";
import { openUsageStore } from "./open-usage-store.js";
import { captureLogger } from "./testing/sample-record.js";
import { baseStoreOptions } from "./testing/test-engines.js";

describe("the start-up line about the store", () => {
  it("says where usage is kept, or that it is off", async () => {
    const options = baseStoreOptions({ path: ":memory:", retentionDays: 30 });
    const store = await openUsageStore({ store: options, logger: captureLogger().logger });
    expect(describeStore(options, store)).toBe("Usage store: SQLite at :memory:; retention 30 days");
    await store.close();
    expect(describeStore(options, undefined)).toMatch(/^Usage store: off \(store\.enabled: false\)/);
  });

  it("names the unreachable host, the fix, and that requests are still served", async () => {
    const options = baseStoreOptions({
      engine: "postgres",
      url: "postgres://app:secret@db.example.invalid:6543/usage",
    });
    const { logger, lines } = captureLogger();
    const store = await openUsageStore({ store: options, logger });
    const line = describeStore(options, store);
    expect(line).toMatch(/^Usage store: DOWN \(PostgreSQL at db\.example\.invalid:6543\/usage\)/);
    expect(line).toMatch(/fix store\.url \/ DATABASE_URL/);
    expect(line).toMatch(/Requests are still served/);
    expect(line).not.toContain("secret");
    expect(JSON.stringify(lines)).not.toContain("secret");
    await store.close();
  });
});
