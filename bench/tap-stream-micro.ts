/**
 * In-process cost of the passthrough tap (`tapStream`), without HTTP:
 *   node --import tsx bench/tap-stream-micro.ts [--iterations 20000] [--rounds 5]
 *
 * For each API, the fake upstream's canned stream (bench/canned-responses.ts) is pushed through a
 * fresh tap and ended, as a passthrough stream does: once as one read (what undici hands over from
 * bench/fake-upstream.ts, which writes every event in one tick) and once as one read per event (a
 * model that generates slowly). Prints the median over the rounds of µs per stream, and checks on
 * each pass that the tap found the usage and the terminal event (a faster tap that stops seeing them
 * is not faster).
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { tapStream } from "../src/gateway/stream/tap-stream.js";
import type { WireApi } from "../src/protocols/wire-api.js";
import { cannedAnswers, type CannedAnswer } from "./canned-responses.js";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
  },
});
const iterations = Number(values.iterations);
const rounds = Number(values.rounds);

const streams: { api: WireApi; answer: CannedAnswer }[] = [
  { api: "openai-chat", answer: cannedAnswers.chat },
  { api: "anthropic-messages", answer: cannedAnswers.messages },
  { api: "openai-responses", answer: cannedAnswers.responses },
];

function tapOnce(api: WireApi, chunks: readonly Buffer[]): void {
  const tap = tapStream(api);
  for (const chunk of chunks) tap.push(chunk);
  const summary = tap.end();
  if (!summary.sawTerminalEvent || summary.usage === undefined || summary.finishReason === undefined)
    throw new Error(`the tap missed the outcome of the ${api} stream`);
}

function microsecondsPerStream(api: WireApi, chunks: readonly Buffer[]): number {
  const started = performance.now();
  for (let index = 0; index < iterations; index++) tapOnce(api, chunks);
  return ((performance.now() - started) * 1000) / iterations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

for (const { api, answer } of streams) {
  const perEvent = answer.events.map((event) => Buffer.from(event));
  const oneRead = [Buffer.concat(perEvent)];
  for (const [split, chunks] of [
    ["one read", oneRead],
    ["read per event", perEvent],
  ] as const) {
    microsecondsPerStream(api, chunks); // warm-up
    const measured = Array.from({ length: rounds }, () => microsecondsPerStream(api, chunks));
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    process.stdout.write(
      `${api.padEnd(19)} ${split.padEnd(15)} ${String(answer.events.length).padStart(3)} events, ${bytes} bytes: ` +
        `${median(measured).toFixed(2)} µs per stream (rounds: ${measured.map((value) => value.toFixed(2)).join(", ")})\n`,
    );
  }
}
