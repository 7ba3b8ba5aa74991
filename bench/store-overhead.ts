/**
 * What keeping usage costs a request: Switchboard (the build in dist/) with the store off, on
 * SQLite and on PostgreSQL, serving the same scenario from the same fake upstream, measured
 * alternately (off, sqlite, postgres, then again) so that the machine's drift hits every row alike.
 * Prints CPU µs per request of the gateway process, requests/s, p50/p99 and peak RSS, and each
 * row's CPU against the store-off row of its round.
 *
 *   npm run build && node --import tsx bench/store-overhead.ts [--seconds 5] [--rounds 2] [--only "Claude Code"]
 *     [--stores off,sqlite] [--cpu-prof FOLDER] [--connections 64 --upstream-delay-ms 50]
 *     [--flush-interval-ms 100]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runWrk } from "./load.js";
import { cpuMicroseconds, sampleRss, startFakeUpstream, startProcess, waitForPort } from "./processes.js";
import { clientPaths, scenarios } from "./scenarios.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "2" },
    connections: { type: "string", default: "8" },
    only: { type: "string", default: "Claude Code" },
    url: { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    /** A folder: each gateway writes a V8 CPU profile there (read them with bench/top-self-time.ts). */
    "cpu-prof": { type: "string" },
    /** The fake upstream answers this late: `--upstream-delay-ms 50 --connections 64` is the hot-path bench's RSS row. */
    "upstream-delay-ms": { type: "string", default: "0" },
    /** `store.flush_interval_ms` for the SQLite and PostgreSQL rows (the default when not given). */
    "flush-interval-ms": { type: "string" },
    /** Only these stores, comma-separated (off,sqlite,postgres). */
    stores: { type: "string", default: "off,sqlite,postgres" },
  },
});
const root = join(import.meta.dirname, "..");
const seconds = Number(values.seconds);
const scenario = scenarios.find((candidate) => candidate.name.includes(values.only ?? "") && !candidate.stream);
if (scenario === undefined) throw new Error(`no scenario matches ${values.only}`);
const folder = mkdtempSync(join(tmpdir(), "switchboard-bench-store-"));
const schema = `switchboard_bench_overhead_${process.pid}`;
const upstreamPort = 19_400;
const flushSetting =
  values["flush-interval-ms"] === undefined ? "" : `, flush_interval_ms: ${values["flush-interval-ms"]}`;
const stores = (
  [
    ["off", "store: { enabled: false }"],
    ["sqlite", `store: { path: "${join(folder, "usage.sqlite")}"${flushSetting} }`],
    ["postgres", `store: { url: "${values.url}?options=-c%20search_path%3D${schema}"${flushSetting} }`],
  ] as Array<[string, string]>
).filter(([name]) => (values.stores ?? "").split(",").includes(name));
const profileArgs = (name: string) =>
  values["cpu-prof"] === undefined
    ? []
    : ["--cpu-prof", "--cpu-prof-dir", values["cpu-prof"], "--cpu-prof-name", `${name}-${Date.now()}.cpuprofile`];

async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client(values.url);
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function measure(name: string, storeLine: string, port: number) {
  const configPath = join(folder, `${name}.yaml`);
  writeFileSync(
    configPath,
    [
      `server: { host: 127.0.0.1, port: ${port} }`,
      "providers:",
      `  anthropic: { type: anthropic, base_url: "http://127.0.0.1:${upstreamPort}", api_key: bench, models: [bench-model] }`,
      `  chat: { type: openai-compatible, base_url: "http://127.0.0.1:${upstreamPort}/v1", api_key: bench, models: [bench-model] }`,
      "models:",
      "  to-anthropic: anthropic/bench-model",
      "  to-chat: chat/bench-model",
      storeLine,
      "",
    ].join("\n"),
  );
  const gateway = startProcess(
    process.execPath,
    ["--no-memory-reducer", ...profileArgs(name), join(root, "bin", "switchboard.js"), "start", "--config", configPath],
    { cwd: folder, env: { LOG_LEVEL: "warn", HOME: folder } },
  );
  await waitForPort(port);
  const model = scenario?.upstreamApi === "anthropic-messages" ? "to-anthropic" : "to-chat";
  const load = {
    url: `http://127.0.0.1:${port}${clientPaths[scenario?.clientApi ?? "anthropic-messages"]}`,
    body: scenario?.body(model) ?? "",
    headers: { "x-api-key": "bench", "anthropic-version": "2023-06-01", authorization: "Bearer bench" },
    connections: Number(values.connections),
  };
  await runWrk({ ...load, seconds: 3 }); // warm-up: V8's compiles are not the store's cost
  const rss = sampleRss(gateway.pid);
  const cpuBefore = cpuMicroseconds(gateway.pid);
  const result = await runWrk({ ...load, seconds });
  const cpu = cpuMicroseconds(gateway.pid) - cpuBefore;
  const peakRss = rss.stop();
  await gateway.stop();
  return { name, result, cpuPerRequest: cpu / Math.max(1, result.requests), peakRssMb: peakRss / 1e6 };
}

async function main(): Promise<void> {
  await onPostgres(`create schema ${schema}`);
  const upstream = await startFakeUpstream(upstreamPort, { delayMs: Number(values["upstream-delay-ms"]) });
  const lines = [
    `Scenario: ${scenario?.name}, ${values.connections} connections, upstream delay ${values["upstream-delay-ms"]} ms, ${seconds} s a row after a 3 s warm-up`,
    "",
    "| round | store | req/s | p50 ms | p99 ms | CPU µs/req | vs off | peak RSS MB | non-2xx |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  try {
    for (let round = 1; round <= Number(values.rounds); round += 1) {
      let off = 0;
      for (const [index, [name, storeLine]] of stores.entries()) {
        const row = await measure(name, storeLine, 19_410 + index);
        if (name === "off") off = row.cpuPerRequest;
        const { result } = row;
        lines.push(
          `| ${round} | ${name} | ${Math.round(result.requests / result.durationSeconds)} | ${result.p50Ms.toFixed(2)} | ` +
            `${result.p99Ms.toFixed(2)} | ${Math.round(row.cpuPerRequest)} | ${(row.cpuPerRequest / off).toFixed(3)}× | ` +
            `${Math.round(row.peakRssMb)} | ${result.non2xx + result.errors} |`,
        );
        console.log(lines[lines.length - 1]);
      }
    }
  } finally {
    await upstream.stop();
    await onPostgres(`drop schema ${schema} cascade`);
    rmSync(folder, { recursive: true, force: true });
  }
  mkdirSync(join(root, "bench", ".results"), { recursive: true });
  writeFileSync(join(root, "bench", ".results", "store-overhead.md"), `${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
}

await main();
