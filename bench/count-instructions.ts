/**
 * `npm run bench:instructions`: instructions per request of the floor and of Switchboard, counted
 * by valgrind (callgrind), scenario by scenario.
 *   --only TEXT       only scenarios whose name contains TEXT
 *   --kind KIND       only passthrough or only translation scenarios
 *   --warmup N        requests before the measured ones (default 1000: past the JIT's tiering)
 *   --requests N      requests measured (default 1000)
 *   --connections N   client connections (default 8)
 *   --root DIR        count the Switchboard built in DIR (e.g. a `bench:compare` worktree) instead of this checkout
 *
 * CPU time on a shared VM drifts by 2× within minutes, with what else the machine runs; instruction
 * counts do not depend on that, though they still move by up to about 20 % from run to run (where the
 * GC and the JIT's background compiles land), so compare the two gateways of one run. Each gateway runs
 * twice at once under callgrind, one serving `warmup` requests and one `warmup + requests`; the
 * difference divided by `requests` is the cost of one request in steady state, start-up and JIT
 * warm-up cancelled out. Every thread is counted (GC helpers, the compiler), the kernel is not.
 * What a count leaves out is how fast the instructions run: cache misses and the batching a faster
 * process gets at the same concurrency (see RESULTS.md). Needs valgrind (`apt-get install valgrind`).
 */
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { startFakeUpstream, type Launch, type RunningProcess } from "./processes.js";
import { clientPaths, selectScenarios, type Scenario } from "./scenarios.js";
import { floorTarget, switchboardTarget, switchboardTargetAt, type Target } from "./targets.js";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    kind: { type: "string" },
    warmup: { type: "string", default: "1000" },
    requests: { type: "string", default: "1000" },
    connections: { type: "string", default: "8" },
    root: { type: "string" },
  },
});
const warmup = Number(values.warmup);
const measured = Number(values.requests);
const connections = Number(values.connections);
const switchboard = values.root === undefined ? switchboardTarget : switchboardTargetAt(values.root, "switchboard");
const workDir = mkdtempSync(join(tmpdir(), "switchboard-instructions-"));

/** Sends `count` requests of the scenario, `connections` at a time, reading every answer to its end. */
async function drive(port: number, scenario: Scenario, target: Target, count: number): Promise<number> {
  const route = target.route(scenario, "");
  if (route === undefined) throw new Error(`${target.name} cannot serve ${scenario.name}`);
  const body = scenario.body(route.model);
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections });
  const headers = {
    "content-type": "application/json",
    authorization: "Bearer bench",
    "x-api-key": "bench",
    "anthropic-version": "2023-06-01",
    ...route.headers,
  };
  let left = count;
  let failed = 0;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      const answer = await pool.request({ method: "POST", path: clientPaths[scenario.clientApi], headers, body });
      await answer.body.arrayBuffer();
      if (answer.statusCode !== 200) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.close();
  return failed;
}

/** Stops a gateway with SIGINT (both exit cleanly on it) and waits, so that callgrind writes its counts. */
async function stopAndWait(running: RunningProcess): Promise<void> {
  if (running.child.exitCode !== null) return;
  const exited = once(running.child, "exit");
  running.child.kill("SIGINT");
  const timeout = setTimeout(() => running.child.kill("SIGKILL"), 120_000);
  await exited;
  clearTimeout(timeout);
}

function totalInstructions(file: string): number {
  const line = readFileSync(file, "utf8")
    .split("\n")
    .find((candidate) => candidate.startsWith("summary:") || candidate.startsWith("totals:"));
  if (line === undefined) throw new Error(`no totals in ${file}`);
  return Number(line.split(/\s+/)[1]);
}

/** One gateway under callgrind serving `count` requests: the instructions its process ran in all. */
async function countRun(target: Target, scenario: Scenario, count: number, portBase: number): Promise<number> {
  const outFile = join(workDir, `${portBase}.callgrind`);
  const launch: Launch = {
    prefix: ["valgrind", "--tool=callgrind", `--callgrind-out-file=${outFile}`],
    startTimeoutMs: 300_000,
  };
  const upstream = await startFakeUpstream(portBase);
  try {
    const gateway = await target.start(`http://127.0.0.1:${portBase}`, portBase + 1, launch);
    try {
      const failed = await drive(portBase + 1, scenario, target, count);
      if (failed > 0) throw new Error(`${target.name}: ${failed} of ${count} requests failed in ${scenario.name}`);
    } finally {
      await stopAndWait(gateway);
    }
    return totalInstructions(outFile);
  } finally {
    await upstream.stop();
  }
}

async function perRequest(target: Target, scenario: Scenario, portBase: number): Promise<number> {
  const [short, long] = await Promise.all([
    countRun(target, scenario, warmup, portBase),
    countRun(target, scenario, warmup + measured, portBase + 10),
  ]);
  return (long - short) / measured;
}

const chosen = selectScenarios(values.only, values.kind);
const lines = [
  `Instructions per request (callgrind, every thread), ${warmup} warm-up + ${measured} measured requests, ${connections} connections; ${new Date().toISOString()}`,
  "",
  "| scenario | floor | switchboard | × floor |",
  "|---|---:|---:|---:|",
];
try {
  for (const [index, scenario] of chosen.entries()) {
    const portBase = 21_000 + index * 40;
    const floor = await perRequest(floorTarget, scenario, portBase);
    const gateway = await perRequest(switchboard, scenario, portBase + 20);
    const line = `| ${scenario.name} | ${Math.round(floor).toLocaleString("en")} | ${Math.round(gateway).toLocaleString("en")} | ${(gateway / floor).toFixed(2)} |`;
    process.stdout.write(`${line}\n`);
    lines.push(line);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
process.stdout.write(`\n${lines.join("\n")}\n`);
