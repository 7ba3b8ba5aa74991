import { describe, expect, it, vi } from "vitest";
import { openUsageStore } from "./open-usage-store.js";
import { captureLogger, sampleRecord } from "./testing/sample-record.js";
import { baseStoreOptions } from "./testing/test-engines.js";
import { WriteQueue } from "./write-queue.js";

describe("the write queue", () => {
  it("holds rows while the database is down, drops past its bound, counts them and says so once", async () => {
    const { logger, lines } = captureLogger();
    const store = await openUsageStore({
      store: baseStoreOptions({ engine: "postgres", url: "postgres://nobody@127.0.0.1:9/usage", queueMax: 3 }),
      logger,
    });
    const accepted: string[] = [];
    store.onRecorded((row) => accepted.push(row.requestId));
    for (let index = 0; index < 5; index += 1) store.record(sampleRecord());
    expect(store.health()).toMatchObject({ engine: "postgres", up: false, queueDepth: 3, dropped: 2 });
    expect(accepted).toHaveLength(3);
    const full = lines.filter((line) => String(line["msg"]).includes("queue is full"));
    expect(full).toHaveLength(1);
    expect(store.health().error).toMatch(/Cannot reach the usage database at 127\.0\.0\.1:9\/usage.*store\.url/);
    await store.close();
  });

  it("never lets record() throw or wait, whatever it is given", async () => {
    const store = await openUsageStore({ store: baseStoreOptions(), logger: captureLogger().logger });
    const started = performance.now();
    for (let index = 0; index < 2000; index += 1) store.record(sampleRecord());
    // Not a timing test of speed: only that nothing was written synchronously in record().
    expect(store.health().queueDepth).toBeGreaterThan(0);
    expect(() => store.record({} as never)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(10_000);
    await store.close();
  });

  it("puts a failed batch back in front and writes it on the next try", async () => {
    const written: number[][] = [];
    let fail = true;
    const queue = new WriteQueue<number>({
      capacity: 10,
      batchSize: 2,
      intervalMs: 60_000,
      write: async (batch) => {
        if (fail) throw new Error("down");
        written.push(batch);
      },
      onOverflow: () => undefined,
      onWriteError: () => undefined,
    });
    for (const row of [1, 2, 3]) queue.push(row);
    await queue.flush();
    expect(queue.depth).toBe(3);
    fail = false;
    await queue.flush();
    expect(written).toEqual([[1, 2], [3]]);
    queue.stop();
  });

  it("writes a row within intervalMs of its arrival, and holds no timer while nothing waits", async () => {
    vi.useFakeTimers();
    try {
      const written: number[][] = [];
      const queue = new WriteQueue<number>({
        capacity: 10,
        batchSize: 100,
        intervalMs: 50,
        write: async (batch) => void written.push(batch),
        onOverflow: () => undefined,
        onWriteError: () => undefined,
      });
      // An idle gateway's queue never wakes the process up.
      expect(vi.getTimerCount()).toBe(0);
      queue.push(1);
      await vi.advanceTimersByTimeAsync(30);
      queue.push(2);
      expect(written).toEqual([]);
      // 50 ms after the first row, both go: the second waited 20 ms, not a whole interval of its own.
      await vi.advanceTimersByTimeAsync(20);
      expect(written).toEqual([[1, 2]]);
      expect(vi.getTimerCount()).toBe(0);
      queue.push(3);
      await vi.advanceTimersByTimeAsync(50);
      expect(written).toEqual([[1, 2], [3]]);
      queue.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
