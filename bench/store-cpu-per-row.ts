/**
 * The store's own CPU per row in the gateway's process, apart from the machine's noise on a whole
 * request: rows made beforehand, then `record` and the batch writes (the queue, the rows, the
 * rollups, the driver's work) timed with `process.cpuUsage`. The database server's CPU is its own
 * process, as in `store-overhead.ts`, where only the gateway's CPU is counted.
 *
 *   node --import tsx bench/store-cpu-per-row.ts [--rows 20000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createSilentLogger } from "../src/lib/logger.js";
import { openUsageStore } from "../src/store/open-usage-store.js";
import { sampleRecord } from "../src/store/testing/sample-record.js";
import { baseStoreOptions, testPostgresUrl } from "../src/store/testing/test-engines.js";
import type { StoreOptions } from "../src/store/store-options.js";
import type { UsageRecord } from "../src/store/usage-record.js";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "20000" }, rounds: { type: "string", default: "3" } },
});
const rowCount = Number(values.rows);

async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client(testPostgresUrl);
  await client.connect();
  await client.query(statement);
  await client.end();
}

/** Rows as a gateway writes them under load: sessions of a few hundred requests, a second apart. */
function makeRows(round: number): UsageRecord[] {
  const start = Date.now() - 3_600_000;
  return Array.from({ length: rowCount }, (_, index) =>
    sampleRecord({
      requestId: `req_${round}_${index}`,
      startedAt: new Date(start + index * 100).toISOString(),
      sessionId: `session-${Math.floor(index / 300)}`,
      durationMs: 500 + (index % 7_000),
    }),
  );
}

async function measure(engine: "sqlite" | "postgres", round: number): Promise<number> {
  let options: StoreOptions;
  let cleanup: () => Promise<void>;
  if (engine === "postgres") {
    const schema = `switchboard_bench_cpu_${process.pid}_${round}`;
    await onPostgres(`create schema ${schema}`);
    options = baseStoreOptions({ engine: "postgres", url: testPostgresUrl, schema });
    cleanup = () => onPostgres(`drop schema ${schema} cascade`);
  } else {
    const folder = mkdtempSync(join(tmpdir(), "switchboard-bench-cpu-"));
    options = baseStoreOptions({ engine: "sqlite", path: join(folder, "usage.sqlite") });
    cleanup = async () => rmSync(folder, { recursive: true, force: true });
  }
  const store = await openUsageStore({ store: options, logger: createSilentLogger() });
  const rows = makeRows(round);
  try {
    const before = process.cpuUsage();
    // As the gateway does it: rows come one by one and the queue writes 500 at a time.
    for (let index = 0; index < rows.length; index += 500) {
      for (const row of rows.slice(index, index + 500)) store.record(row);
      await store.flush();
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / rowCount;
  } finally {
    await store.close();
    await cleanup();
  }
}

console.log("| round | engine | CPU µs/row |\n| ---: | --- | ---: |");
for (let round = 1; round <= Number(values.rounds); round += 1) {
  for (const engine of ["sqlite", "postgres"] as const) {
    console.log(`| ${round} | ${engine} | ${(await measure(engine, round)).toFixed(1)} |`);
  }
}
