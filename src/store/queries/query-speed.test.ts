import { afterEach, describe, expect, it } from "vitest";
import { openUsageStore } from "../open-usage-store.js";
import { captureLogger, sampleRecord } from "../testing/sample-record.js";
import { testEngines } from "../testing/test-engines.js";
import type { UsageStore } from "../usage-store.js";
import type { UsageRecord } from "../usage-record.js";

const hour = 3_600_000;
const day = 86_400_000;

describe.each(testEngines)("time to first token and tokens per second on $name", (engine) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function storeWith(records: UsageRecord[]): Promise<UsageStore> {
    const created = await engine.create();
    cleanups.push(created.cleanup);
    const store = await openUsageStore({ store: created.options, logger: captureLogger().logger });
    cleanups.push(() => store.close());
    for (const record of records) store.record(record);
    await store.flush();
    return store;
  }

  // Two days ago (UTC), so every row is inside the retention and one whole day.
  const now = Date.now();
  const dayStart = now - (now % day) - 2 * day;
  const at = (offsetMs: number) => new Date(dayStart + offsetMs).toISOString();
  const sonnet = (offsetMs: number, overrides: Partial<UsageRecord>) =>
    sampleRecord({ startedAt: at(offsetMs), upstreamModel: "claude-sonnet-4.5", ...overrides });
  const rows = [
    // 10:00–11:00: two streamed sonnet answers (in two sessions, so two rollup rows), one error without a first byte.
    sonnet(10 * hour + 5 * 60_000, {
      durationMs: 1300,
      firstByteMs: 300,
      usage: { inputTokens: 10, outputTokens: 200 },
    }),
    sonnet(10 * hour + 20 * 60_000, {
      sessionId: "session-b",
      durationMs: 2300,
      firstByteMs: 300,
      usage: { inputTokens: 10, outputTokens: 300 },
    }),
    sonnet(10 * hour + 40 * 60_000, { status: 500, firstByteMs: undefined, usage: undefined }),
    sampleRecord({
      startedAt: at(10 * hour + 30 * 60_000),
      upstreamModel: "gpt-5-mini",
      provider: "openai",
      durationMs: 600,
      firstByteMs: 100,
      usage: { inputTokens: 10, outputTokens: 250 },
    }),
    // 11:00–12:00: one whole (non-streamed) answer: a first byte, but no generation time to measure.
    sonnet(11 * hour + 10 * 60_000, {
      stream: false,
      durationMs: 800,
      firstByteMs: 800,
      usage: { inputTokens: 10, outputTokens: 100 },
    }),
    // The day before: outside every range asked below.
    sonnet(-12 * hour, { durationMs: 5000, firstByteMs: 4000 }),
  ];

  it("gives the p50 time to first token and tokens per second per model and hour", async () => {
    const store = await storeWith(rows);
    const report = await store.querySpeed({
      from: dayStart + 10 * hour + 1000,
      to: dayStart + 12 * hour,
      bucket: "hour",
    });
    // The bounds widen to whole hours.
    expect(report).toMatchObject({ from: at(10 * hour), to: at(12 * hour), bucket: "hour" });
    expect(report.models).toEqual(["claude-sonnet-4.5", "gpt-5-mini"]);
    expect(report.points).toEqual([
      // Both first bytes at 300 ms fall in the (200, 300] bucket: its middle, 250 ms, is the p50.
      // 500 output tokens over 1 s + 2 s after the first byte: 166.7 tokens per second.
      {
        bucket_start: at(10 * hour),
        model: "claude-sonnet-4.5",
        requests: 3,
        ttft_p50_ms: 250,
        tokens_per_second: 166.7,
      },
      // 250 tokens over the 500 ms after its first byte (100 ms, in the (50, 100] bucket).
      { bucket_start: at(10 * hour), model: "gpt-5-mini", requests: 1, ttft_p50_ms: 75, tokens_per_second: 500 },
      // A whole answer's first byte is its end: a TTFT of 800 ms (in (750, 1000]), and no speed to tell.
      {
        bucket_start: at(11 * hour),
        model: "claude-sonnet-4.5",
        requests: 1,
        ttft_p50_ms: 875,
        tokens_per_second: null,
      },
    ]);
  });

  it("gives one point per model and day for longer ranges, and nothing for a range without requests", async () => {
    const store = await storeWith(rows);
    const report = await store.querySpeed({ from: dayStart, to: dayStart + day, bucket: "day" });
    expect(report.points).toEqual([
      // First bytes 300, 300, 800: the p50 is three quarters into the (200, 300] bucket.
      { bucket_start: at(0), model: "claude-sonnet-4.5", requests: 4, ttft_p50_ms: 275, tokens_per_second: 166.7 },
      { bucket_start: at(0), model: "gpt-5-mini", requests: 1, ttft_p50_ms: 75, tokens_per_second: 500 },
    ]);
    const empty = await store.querySpeed({ from: dayStart + day, to: dayStart + 2 * day, bucket: "day" });
    expect(empty).toMatchObject({ models: [], points: [] });
  });
});
