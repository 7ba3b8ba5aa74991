/**
 * `npm run bench:ablate`: what each thing Switchboard does on a request, and the floor does not,
 * costs in CPU. Builds this checkout's commit as it is and once per ablation (bench/ablations.ts:
 * the usage tap, validation, …, each switched off), starts them all with the floor, warms them,
 * then, one build at a time, measures it back to back with the unchanged one, round after round,
 * and prints per scenario the median of those paired differences: what the feature costs a request.
 *   --only TEXT          scenarios whose name contains TEXT (default "small"; several: any of them)
 *   --kind KIND          passthrough or translation (default passthrough)
 *   --rounds N           pairs per build and scenario (default 6), which one goes first alternating
 *   --seconds N          measured seconds per build and pair (default 3)
 *   --warmup-seconds N   both builds of a pair serve each scenario N s before its first pair (default 10)
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
import { scenarios, selectScenarios, type Scenario } from "./scenarios.js";
import { floorTarget, loadFor, switchboardTargetAt, type Target } from "./targets.js";
import { buildWorktree, shortCommit } from "./worktree-build.js";

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true, default: ["small"] },
    kind: { type: "string", default: "passthrough" },
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "3" },
    "warmup-seconds": { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const warmupSeconds = Number(values["warmup-seconds"]);
const upstreamPort = 19170;
const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;

interface Running {
  target: Target;
  port: number;
  process?: RunningProcess;
  /** What this build switches off (none: the floor, or the unchanged build). */
  ablation?: Ablation;
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
const unchanged: Running = {
  target: switchboardTargetAt(buildWorktree({ commit }), `switchboard ${commit}`),
  port: 19500,
};
const floor: Running = { target: floorTarget, port: 19501 };
const ablated: Running[] = [...ablations, allAblations].map((ablation, index) => ({
  target: switchboardTargetAt(
    buildWorktree({ commit, label: `without ${ablation.name}`, edits: ablation.edits }),
    `without ${ablation.name}`,
  ),
  port: 19502 + index,
  ablation,
}));
// Several `--only` select the scenarios any of them names.
const selected = scenarios.filter((scenario) =>
  values.only.some((text) => selectScenarios(text, values.kind).includes(scenario)),
);
/** Per scenario, per other build: the unchanged build's µs minus the other's, one per round. */
const differences = new Map<string, number[]>();
const unchangedCosts = new Map<string, number[]>();
const floorCosts = new Map<string, number[]>();
const push = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);

const upstream = await startFakeUpstream(upstreamPort);
try {
  unchanged.process = await unchanged.target.start(upstreamUrl, unchanged.port);
  // One build at a time beside the unchanged one: a gateway left idle while others are measured
  // goes cold (measured: ablated builds idle ~50 s between their runs read 10–40 µs a request
  // *dearer* than the unchanged build, which never idled), so each pair alternates without a pause.
  for (const other of [floor, ...ablated]) {
    other.process = await other.target.start(upstreamUrl, other.port);
    try {
      for (const scenario of selected) {
        for (const gateway of [unchanged, other]) await measure(gateway, scenario, warmupSeconds);
        for (let round = 0; round < rounds; round++) {
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
    } finally {
      await other.process.stop();
    }
    process.stderr.write(`${other.target.name}: done\n`);
  }
} finally {
  await unchanged.process?.stop();
  await upstream.stop();
}

const microseconds = (value: number) => `${value.toFixed(0)} µs`;
const spread = (numbers: number[]) => `${Math.min(...numbers).toFixed(0)} to ${Math.max(...numbers).toFixed(0)}`;
const lines = [
  `Ablations of ${commit}: ${rounds} pairs a build and scenario, ${seconds} s each side, ${connections} clients, ` +
    `after ${warmupSeconds} s of warm-up; CPU µs per request of the gateway process.`,
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
  for (const { target, ablation } of ablated) {
    if (ablation === undefined) continue;
    const saved = differences.get(`${scenario.name}|${target.name}`) ?? [];
    lines.push(
      `| saved without ${ablation.name} (${ablation.removes}) | ${microseconds(median(saved))} | ${spread(saved)} |`,
    );
  }
}
process.stdout.write(`${lines.join("\n")}\n`);
