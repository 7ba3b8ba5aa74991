import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configFromObject, type LoadedConfig } from "../../config/load-config.js";
import { createSilentLogger } from "../../lib/logger.js";
import { openUsageStore } from "../../store/open-usage-store.js";
import { sampleRecord } from "../../store/testing/sample-record.js";
import { readRequestsToday } from "./requests-today.js";

const folder = mkdtempSync(join(tmpdir(), "switchboard-requests-today-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function loaded(store: Record<string, unknown>): LoadedConfig {
  return { config: configFromObject({ store }), env: {}, configDir: folder, implicitProviders: [] };
}

describe("switchboard status: requests today", () => {
  it("counts the rows the usage store holds since midnight UTC, not earlier ones", async () => {
    const path = join(folder, "usage.sqlite");
    const store = await openUsageStore({ store: loaded({ path }).config.store, logger: createSilentLogger() });
    const now = Date.now();
    store.record(sampleRecord({ startedAt: new Date(now).toISOString() }));
    store.record(sampleRecord({ startedAt: new Date(now).toISOString(), status: 500 }));
    store.record(sampleRecord({ startedAt: new Date(now - 2 * 86_400_000).toISOString() }));
    await store.close();
    expect(await readRequestsToday(loaded({ path }), now)).toBe(2);
  });

  it("says nothing without a store, and never creates the SQLite file a gateway has not written", async () => {
    expect(await readRequestsToday(undefined)).toBeUndefined();
    expect(await readRequestsToday(loaded({ enabled: false, path: join(folder, "off.sqlite") }))).toBeUndefined();
    const missing = join(folder, "not-yet", "usage.sqlite");
    expect(await readRequestsToday(loaded({ path: missing }))).toBeUndefined();
    expect(existsSync(join(folder, "not-yet"))).toBe(false);
  });
});
