/**
 * The goals, judged from one run's rows: each goal's worst row against its line. The
 * table above it is the evidence; this is the verdict a reader would otherwise work out by hand.
 */
import type { Scenario } from "./scenarios.js";
import type { StreamCheck } from "./stream-check.js";

/** What a goal needs of a table row (the run's `Row`). */
export interface GoalRow {
  target: string;
  scenario: string;
  connections: number;
  p99Ms: number;
  cpuPerRequestUs: number;
  peakRssMb: number;
  /** The gateway's CPU ratio to the floor, round by round. */
  roundRatios?: number[];
}

export interface GoalInput {
  rows: GoalRow[];
  scenarios: Scenario[];
  streamChecks: StreamCheck[];
  /** The gateway judged (its `target` name in the rows). */
  gateway: string;
  floor: string;
  direct: string;
  /** The added-latency row's scenario name. */
  slowScenario: string;
}

interface Verdict {
  goal: string;
  worst: string;
  met: boolean | undefined;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The floor's row measured beside `row`: the same scenario at the same number of clients. */
export function floorRowOf<T extends GoalRow>(rows: T[], floor: string, row: GoalRow): T | undefined {
  return rows.find(
    (candidate) =>
      candidate.target === floor && candidate.scenario === row.scenario && candidate.connections === row.connections,
  );
}

/** A gateway's added p99 over the floor's: each one's p99 above the direct path's. */
export function addedP99Ratio(gatewayP99Ms: number, floorP99Ms: number, directP99Ms: number): number {
  return (gatewayP99Ms - directP99Ms) / (floorP99Ms - directP99Ms);
}

/** The worst ratio to the floor over the rows of the scenarios `pick` keeps, against `line`. */
function cpuGoal(input: GoalInput, goal: string, line: number, pick: (scenario: Scenario) => boolean): Verdict {
  const names = new Set(input.scenarios.filter(pick).map((scenario) => scenario.name));
  let worst: { ratio: number; row: GoalRow; floorUs: number } | undefined;
  for (const row of input.rows) {
    if (row.target !== input.gateway || !names.has(row.scenario)) continue;
    const floor = floorRowOf(input.rows, input.floor, row);
    if (floor === undefined) continue;
    const ratio = row.cpuPerRequestUs / floor.cpuPerRequestUs;
    if (worst === undefined || ratio > worst.ratio) worst = { ratio, row, floorUs: floor.cpuPerRequestUs };
  }
  if (worst === undefined) return { goal, worst: "not measured", met: undefined };
  const rounds = worst.row.roundRatios;
  const paired =
    rounds === undefined || rounds.length < 2 ? "" : `, round-by-round median ${median(rounds).toFixed(2)}×`;
  return {
    goal,
    // The difference too: on a VM the floor's own cost moves by a third between runs, while the
    // gateway's extra per request stays put, so the ratio alone says as much about the hour.
    worst: `${worst.row.scenario}, ${worst.row.connections} clients: ${worst.ratio.toFixed(2)}×${paired} (${worst.row.cpuPerRequestUs.toFixed(0)} against ${worst.floorUs.toFixed(0)} µs)`,
    met: worst.ratio <= line,
  };
}

function addedLatencyGoal(input: GoalInput): Verdict[] {
  const goal = "64 clients, 50 ms upstream: added p99 ≤ 1.5× the floor's";
  const rssGoal = "the same row: peak RSS ≤ 150 MB";
  const find = (target: string) =>
    input.rows.find((row) => row.target === target && row.scenario === input.slowScenario);
  const gateway = find(input.gateway);
  const floor = find(input.floor);
  const direct = find(input.direct);
  if (gateway === undefined || floor === undefined || direct === undefined) {
    return [
      { goal, worst: "not measured", met: undefined },
      { goal: rssGoal, worst: "not measured", met: undefined },
    ];
  }
  const ratio = addedP99Ratio(gateway.p99Ms, floor.p99Ms, direct.p99Ms);
  return [
    {
      goal,
      worst: `${(gateway.p99Ms - direct.p99Ms).toFixed(2)} against ${(floor.p99Ms - direct.p99Ms).toFixed(2)} ms: ${ratio.toFixed(2)}×`,
      met: ratio <= 1.5,
    },
    { goal: rssGoal, worst: `${gateway.peakRssMb.toFixed(0)} MB`, met: gateway.peakRssMb <= 150 },
  ];
}

function chunkByChunkGoal(input: GoalInput): Verdict {
  const goal = "streams forwarded chunk by chunk";
  const checks = input.streamChecks.filter((check) => check.target === input.gateway);
  if (checks.length === 0) return { goal, worst: "not checked", met: undefined };
  const failed = checks.filter((check) => !check.chunkByChunk || check.status !== 200);
  return {
    goal,
    worst: failed.length === 0 ? `every row (${checks.length})` : failed.map((check) => check.scenario).join(", "),
    met: failed.length === 0,
  };
}

/** The goals as a table: each one's worst row and whether it is within its line. */
export function formatGoals(input: GoalInput): string {
  const passthrough = (stream: boolean) => (scenario: Scenario) =>
    scenario.kind === "passthrough" && scenario.stream === stream;
  const translation = (stream: boolean) => (scenario: Scenario) =>
    scenario.kind === "translation" && scenario.stream === stream;
  const verdicts = [
    cpuGoal(input, "passthrough, not streamed: CPU ≤ 1.5× the floor's", 1.5, passthrough(false)),
    cpuGoal(input, "passthrough, streamed: CPU ≤ 1.5× the floor's", 1.5, passthrough(true)),
    cpuGoal(input, "translation, not streamed: CPU ≤ 3× the floor's", 3, translation(false)),
    cpuGoal(input, "translation, streamed: CPU ≤ 3× the floor's", 3, translation(true)),
    ...addedLatencyGoal(input),
    chunkByChunkGoal(input),
  ];
  const lines = [`Goals for ${input.gateway} (worst row of each):`, "", "| goal | worst row | met? |", "|---|---|---|"];
  for (const verdict of verdicts) {
    const met = verdict.met === undefined ? "—" : verdict.met ? "yes" : "**no**";
    lines.push(`| ${verdict.goal} | ${verdict.worst} | ${met} |`);
  }
  return lines.join("\n");
}
