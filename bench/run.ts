/**
 * `npm run bench`: the floor, Switchboard and the peers side by side, one table.
 *   --seconds N        measured seconds per row (default 5; each row is warmed up first)
 *   --concurrency a,b  client connections (default 8,64)
 *   --only TEXT        only scenarios whose name contains TEXT
 *   --kind KIND        only passthrough or only translation scenarios
 *   --no-peers         skip the peers (no npm install)
 *   --rounds N         rounds per row for the floor and Switchboard, alternating; the table shows
 *                      each one's median (default 3; the peers are measured once)
 *   --soak-minutes N   also run the soak of concurrent streams (default 0: skip; the goal uses 10)
 *   --soak-streams N   streams open at once in the soak (default 200), a quarter of them slow readers
 *   --no-stream-check  skip the check that streams are forwarded chunk by chunk
 *   --soak-only        run only the soak (with --soak-minutes)
 *   --warmup-seconds N before the first row, each gateway serves every selected scenario for N s
 *                      (default 3; 0 skips), so that every row measures the JIT's steady state
 * Writes the table to bench/.results/latest.md; bench/RESULTS.md is refreshed by hand from it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runWrk } from "./load.js";
import { cpuMicroseconds, sampleRss, startFakeUpstream, type RunningProcess } from "./processes.js";
import { clientPaths, selectScenarios, type Scenario } from "./scenarios.js";
import { smallChatBody } from "./bodies.js";
import { addedP99Ratio, floorRowOf, formatGoals, median } from "./goals.js";
import { runSoak } from "./soak.js";
import { checkStreaming, formatStreamChecks, type StreamCheck } from "./stream-check.js";
import {
  claudeCodeRouterTarget,
  floorTarget,
  installPeers,
  loadFor,
  portkeyTarget,
  switchboardTarget,
  type Target,
} from "./targets.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "8,64" },
    only: { type: "string" },
    kind: { type: "string" },
    "no-peers": { type: "boolean", default: false },
    "soak-minutes": { type: "string", default: "0" },
    "soak-streams": { type: "string", default: "200" },
    "no-stream-check": { type: "boolean", default: false },
    "soak-only": { type: "boolean", default: false },
    "warmup-seconds": { type: "string", default: "3" },
  },
});
const seconds = Number(values.seconds);
const rounds = Math.max(1, Number(values.rounds));
const concurrencies = values.concurrency.split(",").map(Number);
/** The added-latency row is decided by its slowest 1 %: at least 8 s (~9,000 requests) of it. */
const slowSeconds = Math.max(8, seconds);
const warmupPassSeconds = Number(values["warmup-seconds"]);
const benchDir = new URL(".", import.meta.url).pathname;

interface Row {
  target: string;
  scenario: string;
  connections: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuPerRequestUs: number;
  peakRssMb: number;
  failures: number;
  /**
   * Switchboard's CPU per request over the floor's, round by round: each pair measured back to
   * back, so drift between rounds stays out of each ratio. Their median is the paired estimate.
   */
  roundRatios?: number[];
  /** The p99 of each round, in the order measured (the added-latency row pairs them by round). */
  p99Rounds?: number[];
}

async function measure(options: {
  target: Target;
  running: RunningProcess;
  port: number;
  scenario: Scenario;
  upstreamUrl: string;
  connections: number;
  label?: string;
  seconds?: number;
  warmupSeconds?: number;
}): Promise<Row | undefined> {
  const load = loadFor(options.target, options.scenario, options.port, options.upstreamUrl);
  if (load === undefined) return undefined;
  const warmup = options.warmupSeconds ?? Math.max(1, Math.round(seconds / 2));
  await runWrk({ ...load, connections: options.connections, seconds: warmup });
  await settle();
  const cpuBefore = cpuMicroseconds(options.running.pid);
  const rss = sampleRss(options.running.pid);
  const result = await runWrk({ ...load, connections: options.connections, seconds: options.seconds ?? seconds });
  const peak = rss.stop();
  const cpu = cpuMicroseconds(options.running.pid) - cpuBefore;
  return {
    target: options.target.name,
    scenario: options.label ?? options.scenario.name,
    connections: options.connections,
    rps: result.requests / result.durationSeconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuPerRequestUs: result.requests > 0 ? cpu / result.requests : Number.NaN,
    peakRssMb: peak / (1024 * 1024),
    failures: result.non2xx + result.errors,
  };
}

/**
 * wrk stops a warm-up with its requests in flight: the gateway then cancels them (and, for
 * Switchboard, their upstream requests, which closes those connections). The measured run waits
 * until that is over, so that it measures the steady state, not the warm-up's end; what a cancel
 * costs is measured on its own (`bench/cancel.ts`).
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 500));
}

/** One row from several rounds of it: the median of each measure, the highest RSS, every failure. */
function medianRow(samples: Row[]): Row | undefined {
  const [first] = samples;
  if (first === undefined) return undefined;
  return {
    ...first,
    rps: median(samples.map((row) => row.rps)),
    p50Ms: median(samples.map((row) => row.p50Ms)),
    p99Ms: median(samples.map((row) => row.p99Ms)),
    cpuPerRequestUs: median(samples.map((row) => row.cpuPerRequestUs)),
    peakRssMb: Math.max(...samples.map((row) => row.peakRssMb)),
    failures: samples.reduce((sum, row) => sum + row.failures, 0),
    p99Rounds: samples.map((row) => row.p99Ms),
  };
}

/** Whether a target is measured in every round: the floor and Switchboard, whose ratio is the goal. */
function inEveryRound(target: Target): boolean {
  return target === floorTarget || target === switchboardTarget;
}

/**
 * Measures one scenario on every target in `rounds` alternating rounds (floor, Switchboard, floor,
 * Switchboard, …): on a virtual machine the CPU a request costs drifts by up to 2× within a minute,
 * and alternating rounds with a median on each side keeps that drift out of the ratio.
 */
async function measureInRounds(
  started: Started[],
  options: Omit<Parameters<typeof measure>[0], "target" | "running" | "port">,
  /** Runs at the start of each round (the direct path of the added-latency row, measured in the same minutes). */
  beforeRound?: () => Promise<void>,
): Promise<Row[]> {
  const samples = new Map<Started, Row[]>(started.map((entry) => [entry, []]));
  for (let round = 0; round < rounds; round++) {
    await beforeRound?.();
    for (const entry of started) {
      if (round > 0 && !inEveryRound(entry.target)) continue;
      const row = await measure({
        ...options,
        target: entry.target,
        running: entry.running,
        port: entry.port,
        ...(round > 0 ? { warmupSeconds: 1 } : {}),
      });
      if (row !== undefined) samples.get(entry)?.push(row);
    }
  }
  const floorSamples = [...samples].find(([entry]) => entry.target === floorTarget)?.[1] ?? [];
  return [...samples].flatMap(([entry, rows]) => {
    const row = medianRow(rows);
    if (row === undefined) return [];
    if (entry.target !== floorTarget && inEveryRound(entry.target) && floorSamples.length === rows.length) {
      row.roundRatios = rows.map(
        (sample, index) => sample.cpuPerRequestUs / (floorSamples[index]?.cpuPerRequestUs ?? 0),
      );
    }
    return [row];
  });
}

/** The 50 ms upstream asked directly, with the same load: the latency no gateway adds to. */
async function measureDirect(upstreamUrl: string, seconds: number): Promise<Row> {
  const url = `${upstreamUrl}${clientPaths["openai-chat"]}`;
  const body = slowUpstreamScenario.body("bench-model");
  const load = { url, body, headers: { authorization: "Bearer bench" }, connections: 64 };
  await runWrk({ ...load, seconds: Math.max(1, Math.round(seconds / 2)) });
  await settle();
  const result = await runWrk({ ...load, seconds });
  return {
    target: directTarget,
    scenario: slowUpstreamScenario.name,
    connections: 64,
    rps: result.requests / result.durationSeconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuPerRequestUs: Number.NaN,
    peakRssMb: Number.NaN,
    failures: result.non2xx + result.errors,
  };
}

const directTarget = "direct (no gateway)";

/**
 * A gateway's added p99 over the floor's, round by round: the direct path, the floor and the
 * gateway measured in the same minutes (the floor's own added p99 moves by 2× between rounds).
 */
function addedRatioRounds(row: Row, floor: Row, direct: Row): string {
  const rowRounds = row.p99Rounds ?? [];
  const floorRounds = floor.p99Rounds ?? [];
  const directRounds = direct.p99Rounds ?? [];
  if (row === floor || rowRounds.length < 2 || rowRounds.length !== floorRounds.length) return "—";
  const ratios = rowRounds.map((p99, round) =>
    addedP99Ratio(p99, floorRounds[round] ?? NaN, directRounds[round] ?? NaN),
  );
  return `${ratios.map((ratio) => ratio.toFixed(2)).join(", ")} (${median(ratios).toFixed(2)})`;
}

/** Added latency on the 50 ms upstream: each gateway's p50 and p99 minus the direct path's. */
function addedLatency(rows: Row[]): string {
  const slowRows = rows.filter((row) => row.scenario === slowUpstreamScenario.name);
  const direct = slowRows.find((row) => row.target === directTarget);
  const floor = slowRows.find((row) => row.target === floorTarget.name);
  if (direct === undefined || floor === undefined) return "";
  const lines = [
    `Added latency, 64 clients, 50 ms upstream (direct path: p50 ${direct.p50Ms.toFixed(2)} ms, p99 ${direct.p99Ms.toFixed(2)} ms):`,
    "",
    "| gateway | added p50 ms | added p99 ms | × floor's added p99 | × floor's, round by round (median) |",
    "|---|---:|---:|---:|---|",
  ];
  for (const row of slowRows) {
    if (row.target === directTarget) continue;
    const added = row.p99Ms - direct.p99Ms;
    lines.push(
      `| ${row.target} | ${(row.p50Ms - direct.p50Ms).toFixed(2)} | ${added.toFixed(2)} | ${addedP99Ratio(row.p99Ms, floor.p99Ms, direct.p99Ms).toFixed(2)} | ${addedRatioRounds(row, floor, direct)} |`,
    );
  }
  return lines.join("\n");
}

function table(rows: Row[]): string {
  const floorOf = (row: Row) => floorRowOf(rows, floorTarget.name, row);
  const lines = [
    "| scenario | conns | gateway | req/s | p50 ms | p99 ms | CPU µs/req | × floor CPU | × floor, round by round (median) | peak RSS MB | failed |",
    "|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|",
  ];
  for (const row of rows) {
    const floor = floorOf(row);
    const direct = row.target === directTarget;
    const ratio = direct
      ? "—"
      : floor && row.target !== floorTarget.name
        ? (row.cpuPerRequestUs / floor.cpuPerRequestUs).toFixed(2)
        : "1.00";
    const cpu = direct ? "—" : row.cpuPerRequestUs.toFixed(0);
    const rss = direct ? "—" : row.peakRssMb.toFixed(0);
    const rounds =
      row.roundRatios === undefined
        ? "—"
        : `${row.roundRatios.map((value) => value.toFixed(2)).join(", ")} (${median(row.roundRatios).toFixed(2)})`;
    lines.push(
      `| ${row.scenario} | ${row.connections} | ${row.target} | ${row.rps.toFixed(0)} | ${row.p50Ms.toFixed(2)} | ${row.p99Ms.toFixed(2)} | ${cpu} | ${ratio} | ${rounds} | ${rss} | ${row.failures} |`,
    );
  }
  return lines.join("\n");
}

interface Started {
  target: Target;
  running: RunningProcess;
  port: number;
  upstreamUrl: string;
}

/** Starts one instance of each target against `upstreamUrl`; a target that fails to start is reported and skipped. */
async function startAll(targets: Target[], upstreamUrl: string, firstPort: number): Promise<Started[]> {
  const started: Started[] = [];
  for (const [index, target] of targets.entries()) {
    const port = firstPort + index;
    try {
      started.push({ target, running: await target.start(upstreamUrl, port), port, upstreamUrl });
    } catch (error) {
      process.stderr.write(`${target.name}: did not start (${String(error)})\n`);
    }
  }
  return started;
}

interface WarmUp {
  target: string;
  scenarios: number;
  requests: number;
  cpuMs: number;
}

/**
 * Before the first row, each gateway serves every scenario in turn. V8 compiles a gateway's hot
 * functions over its first ~100,000 requests (`--trace-opt` on Switchboard, small Chat requests at
 * 8 clients: 552 functions optimized in the first 4 s, 158 in the next 4 s, 8 in the fifth, none
 * after), and a row measured in that time counts the compiler's work besides the requests'. A
 * gateway in service is past it within its first minutes; what the pass cost is printed, not hidden.
 */
async function warmUpPass(
  started: Started[],
  scenarios: Scenario[],
  connections: number,
  secondsEach: number,
): Promise<WarmUp[]> {
  const results: WarmUp[] = [];
  for (const entry of started) {
    const cpuBefore = cpuMicroseconds(entry.running.pid);
    let requests = 0;
    let served = 0;
    for (const scenario of scenarios) {
      const load = loadFor(entry.target, scenario, entry.port, entry.upstreamUrl);
      if (load === undefined) continue;
      requests += (await runWrk({ ...load, connections, seconds: secondsEach })).requests;
      served += 1;
    }
    await settle();
    const cpuMs = (cpuMicroseconds(entry.running.pid) - cpuBefore) / 1000;
    results.push({ target: entry.target.name, scenarios: served, requests, cpuMs });
  }
  return results;
}

function formatWarmUps(label: string, warmUps: WarmUp[], secondsEach: number): string {
  const parts = warmUps.map(
    (warmUp) =>
      `${warmUp.target} ${warmUp.requests} requests over ${warmUp.scenarios} scenario(s), ${warmUp.cpuMs.toFixed(0)} ms CPU ` +
      `(${((warmUp.cpuMs * 1000) / Math.max(1, warmUp.requests)).toFixed(0)} µs/req)`,
  );
  return `Warm-up pass, ${label}, ${secondsEach} s a scenario: ${parts.join("; ")}.`;
}

const slowUpstreamScenario: Scenario = {
  name: "chat small → chat, 50 ms upstream",
  kind: "passthrough",
  clientApi: "openai-chat",
  upstreamApi: "openai-chat",
  stream: false,
  body: (model) => smallChatBody(model, false),
};

function soakOptions(minutes: number) {
  return { minutes, concurrency: Number(values["soak-streams"]), upstreamPort: 19103, port: 19500 };
}

async function soakOnly(): Promise<void> {
  const output = await runSoak(soakOptions(Number(values["soak-minutes"])));
  mkdirSync(join(benchDir, ".results"), { recursive: true });
  writeFileSync(join(benchDir, ".results", "soak.md"), `${output}\n`);
  process.stdout.write(`${output}\n`);
}

async function main(): Promise<void> {
  if (values["soak-only"]) return soakOnly();
  const upstreamPort = 19100;
  const slowUpstreamPort = 19101;
  const dripUpstreamPort = 19102;
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  const slowUpstreamUrl = `http://127.0.0.1:${slowUpstreamPort}`;
  const targets: Target[] = [floorTarget, switchboardTarget];
  if (!values["no-peers"]) {
    if (installPeers()) targets.push(portkeyTarget, claudeCodeRouterTarget);
    else process.stderr.write("peers: npm install failed, measuring without them\n");
  }
  const selected = selectScenarios(values.only, values.kind);
  const upstream = await startFakeUpstream(upstreamPort);
  const slowUpstream = await startFakeUpstream(slowUpstreamPort, { delayMs: 50 });
  const rows: Row[] = [];
  const log = (row: Row | undefined) => {
    if (row === undefined) return;
    rows.push(row);
    process.stderr.write(
      `${row.target} | ${row.scenario} | c${row.connections}: ${row.rps.toFixed(0)} req/s, ${row.cpuPerRequestUs.toFixed(0)} µs/req\n`,
    );
  };
  // Every target runs at once (idle ones cost nothing) and each scenario is measured on all of
  // them back to back, so that a change in the machine's load skews the ratios as little as possible.
  const fast = await startAll(targets, upstreamUrl, 19200);
  const slow = await startAll(targets, slowUpstreamUrl, 19300);
  let streamChecks: StreamCheck[] = [];
  const warmUpLines: string[] = [];
  try {
    if (warmupPassSeconds > 0) {
      const fastWarmUps = await warmUpPass(fast, selected, 8, warmupPassSeconds);
      warmUpLines.push(formatWarmUps("8 clients", fastWarmUps, warmupPassSeconds));
      // The 50 ms upstream allows ~1,300 requests a second at 64 clients: the same JIT warm-up
      // asks for more clients and longer.
      const slowWarmUps = await warmUpPass(slow, [slowUpstreamScenario], 256, warmupPassSeconds * 5);
      warmUpLines.push(formatWarmUps("50 ms upstream, 256 clients", slowWarmUps, warmupPassSeconds * 5));
      for (const line of warmUpLines) process.stderr.write(`${line}\n`);
    }
    for (const scenario of selected) {
      for (const connections of concurrencies) {
        for (const row of await measureInRounds(fast, { scenario, upstreamUrl, connections })) log(row);
      }
    }
    const slowOptions = {
      scenario: slowUpstreamScenario,
      upstreamUrl: slowUpstreamUrl,
      connections: 64,
      seconds: slowSeconds,
    };
    const direct: Row[] = [];
    const slowRows = await measureInRounds(slow, slowOptions, async () => {
      direct.push(await measureDirect(slowUpstreamUrl, slowSeconds));
    });
    for (const row of slowRows) log(row);
    log(medianRow(direct));
  } finally {
    await Promise.all([...fast, ...slow].map(({ running }) => running.stop()));
    await upstream.stop();
    await slowUpstream.stop();
  }
  if (!values["no-stream-check"]) {
    streamChecks = await checkStreaming({
      targets,
      scenarios: selected,
      upstreamPort: dripUpstreamPort,
      firstPort: 19400,
    });
  }
  const header = `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${seconds} s per row after a warm-up, median of ${rounds} alternating rounds for the floor and Switchboard (the peers: one); wrk -t2; CPU = user+system time of the gateway process / requests served.`;
  const warmUpText = warmUpLines.length > 0 ? `${warmUpLines.join("\n")}\n\n` : "";
  let output = `${header}\n\n${warmUpText}${table(rows)}\n`;
  const added = addedLatency(rows);
  if (added !== "") output += `\n${added}\n`;
  if (streamChecks.length > 0) output += `\n${formatStreamChecks(streamChecks)}\n`;
  output += `\n${formatGoals({
    rows,
    scenarios: selected,
    streamChecks,
    gateway: switchboardTarget.name,
    floor: floorTarget.name,
    direct: directTarget,
    slowScenario: slowUpstreamScenario.name,
  })}\n`;
  const soakMinutes = Number(values["soak-minutes"]);
  if (soakMinutes > 0) output += `\n${await runSoak(soakOptions(soakMinutes))}\n`;
  mkdirSync(join(benchDir, ".results"), { recursive: true });
  writeFileSync(join(benchDir, ".results", "latest.md"), output);
  process.stdout.write(output);
}

await main();
