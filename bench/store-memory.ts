/**
 * What the usage store holds in memory under a steady stream of rows, apart from the rest of the
 * gateway: rows recorded at a fixed rate (as requests finish) into SQLite, with the process's
 * memory sampled every 250 ms. Run with `--rate 0` for the same process without a store.
 *
 *   node --import tsx bench/store-memory.ts [--rate 3000] [--seconds 10]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createSilentLogger } from "../src/lib/logger.js";
import { openUsageStore } from "../src/store/open-usage-store.js";
import { baseStoreOptions } from "../src/store/testing/test-engines.js";
import { sampleRecord } from "../src/store/testing/sample-record.js";

const { values } = parseArgs({
  options: { rate: { type: "string", default: "3000" }, seconds: { type: "string", default: "10" } },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

const folder = mkdtempSync(join(tmpdir(), "switchboard-bench-memory-"));
const store =
  rate === 0
    ? undefined
    : await openUsageStore({
        store: baseStoreOptions({ engine: "sqlite", path: join(folder, "usage.sqlite") }),
        logger: createSilentLogger(),
      });
const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 };
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peak.rss = Math.max(peak.rss, usage.rss);
  peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  peak.heapTotal = Math.max(peak.heapTotal, usage.heapTotal);
  peak.external = Math.max(peak.external, usage.external);
}, 250);
const started = Date.now();
let sent = 0;
// Rows in ticks of 10 ms, as requests finish spread over each second.
while (Date.now() - started < seconds * 1000) {
  const due = Math.floor(((Date.now() - started) / 1000) * rate);
  for (; sent < due; sent += 1) store?.record(sampleRecord());
  await new Promise((resolve) => setTimeout(resolve, 10));
}
await store?.close();
clearInterval(sampler);
rmSync(folder, { recursive: true, force: true });
console.log(
  `rate ${rate}/s for ${seconds} s (${sent} rows): peak RSS ${megabytes(peak.rss)} MB, heap used ${megabytes(peak.heapUsed)} MB, heap total ${megabytes(peak.heapTotal)} MB, external ${megabytes(peak.external)} MB`,
);
