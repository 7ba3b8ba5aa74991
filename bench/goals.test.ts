import { describe, expect, it } from "vitest";
import { formatGoals, type GoalInput, type GoalRow } from "./goals.js";
import { scenarios } from "./scenarios.js";

const floor = "floor";
const gateway = "switchboard";
const direct = "direct";
const slowScenario = "chat small → chat, 50 ms upstream";

function row(target: string, scenario: string, cpu: number, extra: Partial<GoalRow> = {}): GoalRow {
  return { target, scenario, connections: 8, p99Ms: 1, cpuPerRequestUs: cpu, peakRssMb: 100, ...extra };
}

function input(rows: GoalRow[], overrides: Partial<GoalInput> = {}): GoalInput {
  return { rows, scenarios, streamChecks: [], gateway, floor, direct, slowScenario, ...overrides };
}

/** The table's line for the goal whose text starts with `goal`. */
function lineOf(table: string, goal: string): string {
  const line = table.split("\n").find((candidate) => candidate.startsWith(`| ${goal}`));
  if (line === undefined) throw new Error(`no line for ${goal} in:\n${table}`);
  return line;
}

describe("formatGoals", () => {
  it("judges each CPU goal by its worst row, at 8 and 64 clients alike", () => {
    const table = formatGoals(
      input([
        row(floor, "chat small → chat (stream)", 100),
        row(gateway, "chat small → chat (stream)", 140, { roundRatios: [1.3, 1.4, 1.5] }),
        row(floor, "messages small → messages (stream)", 100, { connections: 64 }),
        row(gateway, "messages small → messages (stream)", 160, { connections: 64 }),
        row(floor, "chat small → chat", 100),
        row(gateway, "chat small → chat", 149),
        row(floor, "responses Codex 39 KB → chat (stream)", 200),
        row(gateway, "responses Codex 39 KB → chat (stream)", 520),
      ]),
    );
    expect(lineOf(table, "passthrough, streamed")).toBe(
      "| passthrough, streamed: CPU ≤ 1.5× the floor's | messages small → messages (stream), 64 clients: 1.60× (160 against 100 µs) | **no** |",
    );
    expect(lineOf(table, "passthrough, not streamed")).toContain(
      "chat small → chat, 8 clients: 1.49× (149 against 100 µs) | yes |",
    );
    expect(lineOf(table, "translation, streamed")).toContain("2.60× (520 against 200 µs) | yes |");
    expect(lineOf(table, "translation, not streamed")).toContain("| not measured | — |");
  });

  it("shows the round-by-round median beside the worst row's ratio", () => {
    const table = formatGoals(
      input([
        row(floor, "chat small → chat (stream)", 100),
        row(gateway, "chat small → chat (stream)", 152, { roundRatios: [1.7, 1.45, 1.44] }),
      ]),
    );
    expect(lineOf(table, "passthrough, streamed")).toContain(
      "1.52×, round-by-round median 1.45× (152 against 100 µs) | **no** |",
    );
  });

  it("takes the added p99 over the direct path, and the row's peak RSS", () => {
    const table = formatGoals(
      input([
        row(direct, slowScenario, Number.NaN, { p99Ms: 53 }),
        row(floor, slowScenario, 150, { p99Ms: 57 }),
        row(gateway, slowScenario, 190, { p99Ms: 60, peakRssMb: 151 }),
      ]),
    );
    expect(lineOf(table, "64 clients")).toContain("7.00 against 4.00 ms: 1.75× | **no** |");
    expect(lineOf(table, "the same row")).toContain("151 MB | **no** |");
  });

  it("names the streams that were not forwarded chunk by chunk", () => {
    const check = { status: 200, firstChunkMs: 5, totalMs: 1005, chunkByChunk: true };
    const table = formatGoals(
      input([], {
        streamChecks: [
          { ...check, target: gateway, scenario: "chat small → chat (stream)" },
          { ...check, target: gateway, scenario: "messages small → messages (stream)", chunkByChunk: false },
          { ...check, target: floor, scenario: "responses Codex 39 KB → responses (stream)", chunkByChunk: false },
        ],
      }),
    );
    expect(lineOf(table, "streams forwarded")).toBe(
      "| streams forwarded chunk by chunk | messages small → messages (stream) | **no** |",
    );
  });
});
