/**
 * `npm run bench:ablate`: what each thing Switchboard does on a request, and the floor does not,
 * costs in CPU. Builds this checkout's commit as it is and once per ablation (bench/ablations.ts:
 * the usage tap, validation, …, each switched off), starts them all with the floor, warms them,
 * then measures each build back to back with the unchanged one, round after round, and prints
 * per scenario the median of those paired differences: what the feature costs a request.
 *   --only TEXT          scenarios whose name contains TEXT (default "small")
 *   --kind KIND          passthrough or translation (default passthrough)
 *   --rounds N           rounds (default 6); each round measures every pair once, order alternating
 *   --seconds N          measured seconds per build and pair (default 3)
 *   --warmup-seconds N   each build serves each scenario N s before the first round (default 10)
 *   --connections N      client connections (default 8)
 * Pairs rather than one median per build: on a shared VM the cost of a request drifts by more than
 * a feature costs within a minute, and a pair measured back to back shares most of that drift.
 * The builds live in $TMPDIR/switchboard-compare (see worktree-build.ts).
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { allAblations, ablations, type Ablation } from "./ablations.js";
import { median } from "./goals.js";
import { runWrk } from "./load.js";
import { cpuMicroseconds, startFakeUpstream, type RunningProcess } from "./processes.js";
import { selectScenarios, type Scenario } from "./scenarios.js";
import { floorTarget, loadFor, switchboardTargetAt, type Target } from "./targets.js";
import { buildWorktree, shortCommit } from "./worktree-build.js";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "small" },
    kind: { type: "string", default: "passthrough" },
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "3" },
    "warmup-seconds": { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const upstreamPort = 19170;
const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;

interface Running {
  target: Target;
  port: number;
  process?: RunningProcess;
}

/** CPU µs per request of one gateway over one measured run (after it, its cancelled requests too). */
async function measure(gateway: Running, scenario: Scenario, runSeconds: number): Promise<number> {
  const load = loadFor(gateway.target, scenario, gateway.port, upstreamUrl);
  if (load === undefined || gateway.process === undefined) throw new Error(`${gateway.target.name} cannot serve it`);
  const before = cpuMicroseconds(gateway.process.pid);
  const result = await runWrk({ ...load, connections, seconds: runSeconds });
  if (result.non2xx + result.errors > 0) throw new Error(`${gateway.target.name}: ${scenario.name} failed`);
  // wrk stops with requests in flight: their cancelling belongs to this run, not the next.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return (cpuMicroseconds(gateway.process.pid) - before) / result.requests;
}

const commit = shortCommit("HEAD");
if (execFileSync("git", ["status", "--porcelain", "--", "src"], { encoding: "utf8" }).trim() !== "")
  process.stderr.write(`Note: src/ has uncommitted changes; every build here is of ${commit} as committed.\n`);
const variants: Ablation[] = [...ablations, allAblations];
const unchanged: Running = {
  target: switchboardTargetAt(buildWorktree({ commit }), `switchboard ${commit}`),
  port: 19500,
};
const floor: Running = { target: floorTarget, port: 19501 };
const ablated: Running[] = variants.map((ablation, index) => ({
  target: switchboardTargetAt(
    buildWorktree({ commit, label: `without ${ablation.name}`, edits: ablation.edits }),
    `without ${ablation.name}`,
  ),
  port: 19502 + index,
}));
const everyone = [floor, unchanged, ...ablated];
const selected = selectScenarios(values.only, values.kind);
/** Per scenario, per other build: the unchanged build's µs minus the other's, one per round. */
const differences = new Map<string, number[]>();
const unchangedCosts = new Map<string, number[]>();
const floorCosts = new Map<string, number[]>();
const push = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);

const upstream = await startFakeUpstream(upstreamPort);
try {
  for (const gateway of everyone) gateway.process = await gateway.target.start(upstreamUrl, gateway.port);
  for (const scenario of selected)
    for (const gateway of everyone) await measure(gateway, scenario, Number(values["warmup-seconds"]));
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const scenario of selected) {
      for (const other of [floor, ...ablated]) {
        // Which one goes first alternates: the second of a pair runs on a machine the first has just loaded.
        const first = round % 2 === 0 ? unchanged : other;
        const second = first === unchanged ? other : unchanged;
        const firstCost = await measure(first, scenario, seconds);
        const secondCost = await measure(second, scenario, seconds);
        const [unchangedCost, otherCost] = first === unchanged ? [firstCost, secondCost] : [secondCost, firstCost];
        push(differences, `${scenario.name}|${other.target.name}`, unchangedCost - otherCost);
        push(unchangedCosts, scenario.name, unchangedCost);
        if (other === floor) push(floorCosts, scenario.name, otherCost);
      }
    }
    process.stderr.write(`round ${round + 1} of ${values.rounds} done\n`);
  }
} finally {
  for (const gateway of everyone) await gateway.process?.stop();
  await upstream.stop();
}

const microseconds = (value: number) => `${value.toFixed(0)} µs`;
const spread = (numbers: number[]) => `${Math.min(...numbers).toFixed(0)} to ${Math.max(...numbers).toFixed(0)}`;
const lines = [
  `Ablations of ${commit}: ${values.rounds} rounds, ${seconds} s a build and pair, ${connections} clients, ` +
    `after ${values["warmup-seconds"]} s of warm-up a build and scenario; CPU µs per request of the gateway process.`,
];
for (const scenario of selected) {
  const gap = differences.get(`${scenario.name}|${floor.target.name}`) ?? [];
  lines.push(
    "",
    `### ${scenario.name}`,
    "",
    "| | µs a request, median | over the rounds |",
    "|---|---:|---|",
    `| floor | ${microseconds(median(floorCosts.get(scenario.name) ?? []))} | |`,
    `| switchboard | ${microseconds(median(unchangedCosts.get(scenario.name) ?? []))} | |`,
    `| switchboard − floor, paired | ${microseconds(median(gap))} | ${spread(gap)} |`,
  );
  for (const [index, ablation] of variants.entries()) {
    const saved = differences.get(`${scenario.name}|${ablated[index]?.target.name}`) ?? [];
    lines.push(
      `| saved without ${ablation.name} (${ablation.removes}) | ${microseconds(median(saved))} | ${spread(saved)} |`,
    );
  }
}
process.stdout.write(`${lines.join("\n")}\n`);
