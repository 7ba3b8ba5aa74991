import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeStoreError } from "./describe-store-error.js";
import { openUsageStore } from "./open-usage-store.js";
import { captureLogger, sampleRecord } from "./testing/sample-record.js";
import { baseStoreOptions } from "./testing/test-engines.js";

describe("a SQLite store that cannot be opened", () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  it("is down with the reason and the fix, keeps rows queued, and never stores them in a stand-in", async () => {
    const folder = await mkdtemp(join(tmpdir(), "switchboard-store-"));
    folders.push(folder);
    // A file where the database's folder should be: no SQLite can be created under it (even as root).
    await writeFile(join(folder, "not-a-folder"), "");
    const path = join(folder, "not-a-folder", "usage.sqlite");
    const store = await openUsageStore({
      store: baseStoreOptions({ engine: "sqlite", path }),
      logger: captureLogger().logger,
    });
    try {
      expect(store.health()).toMatchObject({ engine: "sqlite", up: false });
      expect(store.health().error).toContain(`Cannot open the usage database ${path}`);
      expect(store.health().error).toContain("Requests are still served");
      store.record(sampleRecord());
      await store.flush().catch(() => undefined);
      expect(store.health().queueDepth).toBe(1);
      await expect(store.listRequests({ limit: 10 })).rejects.toThrow(/Cannot open the usage database/);
    } finally {
      await store.close().catch(() => undefined);
    }
  });

  it("names the rebuild when SQLite's native module is missing", () => {
    const error = new Error("Could not locate the bindings file. Tried: …/better_sqlite3.node");
    expect(describeStoreError(baseStoreOptions({ engine: "sqlite", path: "/data/usage.sqlite" }), error)).toBe(
      "Cannot open the usage database /data/usage.sqlite: SQLite's native module (better-sqlite3) is not built for " +
        "this Node.js. Run `npm rebuild better-sqlite3` in Switchboard's folder (a global install: " +
        "`npm install -g --allow-scripts=better-sqlite3 …`), or set store.url to a PostgreSQL database. " +
        "Requests are still served.",
    );
  });
});
