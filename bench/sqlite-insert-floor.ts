/**
 * The floor under the usage store's SQLite writes: the store's own `requests` table (its migrations,
 * its three indexes, its pragmas), rows already made, inserted through one prepared statement in
 * 500-row transactions and nothing else. CPU µs a row for the inserts and for the commits, so the
 * store's whole cost a row (`store-cpu-per-row.ts`) can be read against what SQLite itself takes.
 *
 *   node --import tsx bench/sqlite-insert-floor.ts [--rows 50000] [--rounds 3] [--drop-indexes requests_model,…]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createSilentLogger } from "../src/lib/logger.js";
import { openUsageStore } from "../src/store/open-usage-store.js";
import { requestColumns, toRequestValues } from "../src/store/request-row.js";
import { sampleRecord } from "../src/store/testing/sample-record.js";
import { baseStoreOptions } from "../src/store/testing/test-engines.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "50000" },
    rounds: { type: "string", default: "3" },
    "drop-indexes": { type: "string", default: "" },
  },
});
const rowCount = Number(values.rows);
const batch = 500;
const folder = mkdtempSync(join(tmpdir(), "switchboard-bench-floor-"));
const path = join(folder, "usage.sqlite");
// The store makes the schema, then closes: the rest is SQLite alone, with the store's pragmas.
await (await openUsageStore({ store: baseStoreOptions({ path }), logger: createSilentLogger() })).close();
const database = new Database(path);
database.pragma("journal_mode = WAL");
database.pragma("synchronous = NORMAL");
database.pragma("cache_size = -2000");
for (const index of (values["drop-indexes"] ?? "").split(",").filter(Boolean)) database.exec(`drop index ${index}`);
const insert = database.prepare(
  `insert into requests (${requestColumns.map((column) => `"${column}"`).join(", ")}) values (${requestColumns.map(() => "?").join(", ")}) on conflict ("id") do nothing`,
);
const begin = database.prepare("begin");
const commit = database.prepare("commit");
const cpu = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

console.log("| round | insert µs/row | commit µs/row |\n| ---: | ---: | ---: |");
for (let round = 1; round <= Number(values.rounds); round += 1) {
  // Ids in order, as the gateway makes them (a process prefix, then a counter).
  const rows = Array.from({ length: rowCount }, (_, index) =>
    toRequestValues(
      sampleRecord({
        requestId: `req_${round}_${String(index).padStart(8, "0")}`,
        sessionId: `session-${Math.floor(index / 300)}`,
      }),
    ),
  );
  let inserting = 0;
  let committing = 0;
  for (let start = 0; start < rowCount; start += batch) {
    begin.run();
    const inserted = process.cpuUsage();
    for (let index = start; index < Math.min(rowCount, start + batch); index += 1) insert.run(rows[index]);
    inserting += cpu(inserted);
    const committed = process.cpuUsage();
    commit.run();
    committing += cpu(committed);
  }
  console.log(`| ${round} | ${(inserting / rowCount).toFixed(2)} | ${(committing / rowCount).toFixed(2)} |`);
}
database.close();
rmSync(folder, { recursive: true, force: true });
