/**
 * What keys, limits and the response cache cost per request (issue 25), measured once:
 *   node --import tsx bench/teams.ts [--seconds 3] [--rounds 3] [--connections 8]
 * Needs a build (`npm run build`), wrk and the machine's Redis (127.0.0.1:6379). Each gateway is a
 * `switchboard start` process of its own, on one small Messages passthrough row:
 *   no keys          — no master key, no virtual key (the baseline)
 *   key, in-process  — a virtual key with rpm, tpm, max-parallel and a budget, limits in the process
 *   key, Redis       — the same key, limits decided by the Redis script
 *   cache hit        — the same body every time on a caching route: every answer from the cache
 * and the floor proxy. Rounds alternate the targets; the table gives each one's median CPU µs a
 * request (the gateway process only: Redis's own CPU is not counted) and its ratio to the baseline.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runWrk } from "./load.js";
import { cpuMicroseconds, startFakeUpstream, startProcess, waitForPort, type RunningProcess } from "./processes.js";
import { scenarios } from "./scenarios.js";
import { floorTarget } from "./targets.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const seconds = option("seconds", 3);
const rounds = option("rounds", 3);
const connections = option("connections", 8);
const rootDir = join(import.meta.dirname, "..");
const master = "bench-master-key";
const scenario = scenarios.find((entry) => entry.name === "messages small → messages")!;
let nextPort = 20_000 + Math.floor(Math.random() * 20_000);

interface Variant {
  name: string;
  process: RunningProcess;
  url: string;
  model: string;
  headers: Record<string, string>;
}

async function startSwitchboard(
  name: string,
  upstreamUrl: string,
  extra: { keys: boolean; redis: boolean; cache: boolean },
): Promise<Variant> {
  const port = nextPort++;
  const home = mkdtempSync(join(tmpdir(), "switchboard-bench-teams-"));
  const config = join(home, "switchboard.yaml");
  writeFileSync(
    config,
    [
      `server: { host: 127.0.0.1, port: ${port}${extra.keys ? `, api_key: ${master}` : ""} }`,
      "providers:",
      `  anthropic: { type: anthropic, base_url: "${upstreamUrl}", api_key: bench, models: [bench-model] }`,
      "models:",
      "  to-anthropic: anthropic/bench-model",
      "  cached: anthropic/bench-model",
      "cache: { routes: [cached], ttl_s: 3600 }",
      "",
    ].join("\n"),
  );
  const env: NodeJS.ProcessEnv = { HOME: home, LOG_LEVEL: "warn" };
  if (extra.redis)
    Object.assign(env, {
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: `sbbench:${randomBytes(4).toString("hex")}:`,
    });
  const running = startProcess(
    process.execPath,
    [
      "--no-memory-reducer",
      // Node flags for an experiment or a profile (e.g. `--cpu-prof --cpu-prof-dir DIR`), from the environment.
      ...(process.env["BENCH_SWITCHBOARD_NODE_FLAGS"]?.split(" ").filter(Boolean) ?? []),
      join(rootDir, "bin/switchboard.js"),
      "start",
      "--config",
      config,
    ],
    { cwd: home, env },
  );
  await waitForPort(port);
  const url = `http://127.0.0.1:${port}`;
  let key = "bench";
  if (extra.keys) {
    const created = await fetch(`${url}/api/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${master}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "bench", rpm: 1e9, tpm: 1e12, max_parallel: 1e6, budget: "1000000000usd/month" }),
    });
    key = ((await created.json()) as { key: string }).key;
  }
  return {
    name,
    process: running,
    url,
    model: extra.cache ? "cached" : "to-anthropic",
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
  };
}

async function measure(target: { url: string; model: string; headers: Record<string, string>; pid: number }) {
  const load = {
    url: `${target.url}/v1/messages`,
    body: scenario.body(target.model),
    headers: target.headers,
    connections,
  };
  await runWrk({ ...load, seconds: 3 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = cpuMicroseconds(target.pid);
  const result = await runWrk({ ...load, seconds });
  const cpu = cpuMicroseconds(target.pid) - before;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return cpu / result.requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const upstreamPort = nextPort++;
const upstream = await startFakeUpstream(upstreamPort);
const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
const floorPort = nextPort++;
const floor = await floorTarget.start(upstreamUrl, floorPort);
const variants = [
  await startSwitchboard("no keys", upstreamUrl, { keys: false, redis: false, cache: false }),
  await startSwitchboard("key, in-process limits", upstreamUrl, { keys: true, redis: false, cache: false }),
  await startSwitchboard("key, Redis limits", upstreamUrl, { keys: true, redis: true, cache: false }),
  await startSwitchboard("cache hit", upstreamUrl, { keys: false, redis: false, cache: true }),
];
const targets = [
  {
    name: "floor (node:http + undici)",
    url: `http://127.0.0.1:${floorPort}`,
    model: "bench-model",
    headers: { "x-api-key": "bench", "anthropic-version": "2023-06-01" },
    pid: floor.pid,
  },
  ...variants.map((variant) => ({ ...variant, pid: variant.process.pid })),
];
const samples = new Map<string, number[]>(targets.map((target) => [target.name, []]));
try {
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) samples.get(target.name)!.push(await measure(target));
  }
  const baseline = median(samples.get("no keys")!);
  const floorCost = median(samples.get("floor (node:http + undici)")!);
  console.log(
    `\n${scenario.name}, ${connections} connections, ${rounds} rounds of ${seconds} s, median CPU µs a request\n`,
  );
  console.log("| target | µs/request (rounds) | vs no keys | vs floor |\n| --- | --- | --- | --- |");
  for (const target of targets) {
    const values = samples.get(target.name)!;
    const value = median(values);
    console.log(
      `| ${target.name} | ${value.toFixed(0)} (${values.map((entry) => entry.toFixed(0)).join(", ")}) | ${(value / baseline).toFixed(3)}× | ${(value / floorCost).toFixed(2)}× |`,
    );
  }
} finally {
  await Promise.all([upstream.stop(), floor.stop(), ...variants.map((variant) => variant.process.stop())]);
}
