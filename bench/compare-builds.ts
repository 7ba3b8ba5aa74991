/**
 * Before and after on the same machine, in the same minutes: builds an earlier commit in a
 * temporary worktree and measures it and this checkout's build in alternation, scenario by
 * scenario, several rounds, against one fake upstream. On a shared or virtual machine the CPU
 * a request costs drifts by 2× within minutes; alternating runs and taking the median of each
 * side is what makes a change's effect readable.
 *   node --import tsx bench/compare-builds.ts --before a9f1bf9 [--rounds 3] [--seconds 3]
 *     [--connections 8] [--only TEXT] [--kind passthrough|translation] [--delay MS]
 * Prints CPU µs per request (user + system of the gateway process / requests) for each round and
 * the medians, and the p99 latency (ms) of each side. `--delay` holds every upstream answer that
 * long (with 64 connections and 50 ms, the added-latency row of `npm run bench`). This checkout must be built first (`npm run build`; `npm run bench:compare` does it).
 * The earlier build stays in $TMPDIR/switchboard-compare/<commit> for the next comparison; remove it
 * with `git worktree remove` when done.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { median } from "./goals.js";
import { runWrk } from "./load.js";
import { cpuMicroseconds, startFakeUpstream } from "./processes.js";
import { scenarios, selectScenarios } from "./scenarios.js";
import { loadFor, switchboardTargetAt, type Target } from "./targets.js";
import { buildWorktree } from "./worktree-build.js";

const { values } = parseArgs({
  options: {
    before: { type: "string" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "3" },
    connections: { type: "string", default: "8" },
    only: { type: "string" },
    kind: { type: "string" },
    delay: { type: "string", default: "0" },
  },
});
if (values.before === undefined) throw new Error("usage: compare-builds.ts --before <commit> [--rounds N]");

const benchDir = new URL(".", import.meta.url).pathname;
const rootDir = join(benchDir, "..");
const upstreamPort = 19150;
const gatewayPort = 19350;

interface Measured {
  cpu: number;
  p99Ms: number;
}

async function measure(target: Target, scenarioIndex: number): Promise<Measured> {
  const scenario = scenarios[scenarioIndex]!;
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  const running = await target.start(upstreamUrl, gatewayPort);
  try {
    const load = { ...loadFor(target, scenario, gatewayPort, upstreamUrl)!, connections: Number(values.connections) };
    await runWrk({ ...load, seconds: 2 }); // warm-up: the JIT, the upstream pool
    const before = cpuMicroseconds(running.pid);
    const result = await runWrk({ ...load, seconds: Number(values.seconds) });
    if (result.non2xx + result.errors > 0) throw new Error(`${target.name}: ${scenario.name} failed`);
    return { cpu: (cpuMicroseconds(running.pid) - before) / result.requests, p99Ms: result.p99Ms };
  } finally {
    await running.stop();
  }
}

const beforeTarget = switchboardTargetAt(buildWorktree({ commit: values.before }), `before (${values.before})`);
const afterTarget = switchboardTargetAt(rootDir, "after (this checkout)");
const upstream = await startFakeUpstream(upstreamPort, { delayMs: Number(values.delay) });
const lines = [
  `Before ${values.before} vs this checkout, ${values.rounds} alternating rounds, ${values.seconds} s each, c${values.connections}, upstream delay ${values.delay} ms; CPU µs per request and p99 ms, median.`,
  "",
  "| scenario | before | after | change | rounds (before / after) | p99 ms before | p99 ms after | p99 rounds (before / after) |",
  "|---|---:|---:|---:|---|---:|---:|---|",
];
try {
  const selected = selectScenarios(values.only, values.kind);
  for (const [index, scenario] of scenarios.entries()) {
    if (!selected.includes(scenario)) continue;
    const before: Measured[] = [];
    const after: Measured[] = [];
    for (let round = 0; round < Number(values.rounds); round++) {
      // Which build goes first alternates too: the second of a pair runs on a machine the first
      // has just loaded, which measurably favours or penalises it.
      if (round % 2 === 0) {
        before.push(await measure(beforeTarget, index));
        after.push(await measure(afterTarget, index));
      } else {
        after.push(await measure(afterTarget, index));
        before.push(await measure(beforeTarget, index));
      }
    }
    const cpuBefore = median(before.map((m) => m.cpu));
    const cpuAfter = median(after.map((m) => m.cpu));
    const change = (cpuAfter / cpuBefore - 1) * 100;
    const pairs = (read: (m: Measured) => number, digits: number) =>
      before.map((m, round) => `${read(m).toFixed(digits)}/${read(after[round]!).toFixed(digits)}`).join(", ");
    const p99Before = median(before.map((m) => m.p99Ms)).toFixed(2);
    const p99After = median(after.map((m) => m.p99Ms)).toFixed(2);
    const line = `| ${scenario.name} | ${cpuBefore.toFixed(0)} | ${cpuAfter.toFixed(0)} | ${change >= 0 ? "+" : ""}${change.toFixed(0)} % | ${pairs((m) => m.cpu, 0)} | ${p99Before} | ${p99After} | ${pairs((m) => m.p99Ms, 2)} |`;
    process.stderr.write(`${line}\n`);
    lines.push(line);
  }
} finally {
  await upstream.stop();
}
process.stdout.write(`${lines.join("\n")}\n`);
