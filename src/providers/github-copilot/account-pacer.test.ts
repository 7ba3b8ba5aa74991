import { describe, expect, it, vi } from "vitest";
import { GatewayError } from "../../errors/index.js";
import { AccountPacer } from "./account-pacer.js";

const never = new AbortController().signal;

describe("AccountPacer", () => {
  it("lets a waiting client leave, and serves the next in line when a turn is given back", async () => {
    const pacer = new AccountPacer({ maxConcurrency: 1, minIntervalMs: 0, maxQueueWaitMs: 5_000 });
    const first = await pacer.acquire(Date.now() + 5_000, never);
    const leaving = new AbortController();
    const second = pacer.acquire(Date.now() + 5_000, leaving.signal);
    const third = pacer.acquire(Date.now() + 5_000, never);
    expect(pacer.depth).toBe(2);
    leaving.abort(new Error("client left"));
    await expect(second).rejects.toThrow("client left");
    expect(pacer.depth).toBe(1);
    first();
    const turn = await third;
    expect(pacer.depth).toBe(0);
    turn();
  });

  it("refuses at once, with retry-after and x-should-retry: false, a request whose bound ends inside a hold", async () => {
    const pacer = new AccountPacer({ maxConcurrency: 4, minIntervalMs: 0, maxQueueWaitMs: 500 });
    pacer.hold(3);
    const refused = await pacer.acquire(Date.now() + 500, never).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).code).toBe("rate_limited");
    expect((refused as GatewayError).headers).toMatchObject({ "retry-after": "3", "x-should-retry": "false" });
  });

  it("spaces starts by the interval", async () => {
    // Fake time: real timers under a loaded machine fire late and make the gaps anything.
    vi.useFakeTimers();
    try {
      const pacer = new AccountPacer({ maxConcurrency: 4, minIntervalMs: 200, maxQueueWaitMs: 5_000 });
      const begun = Date.now();
      const starts: number[] = [];
      const all = Promise.all(
        [0, 1, 2].map(async () => {
          const release = await pacer.acquire(Date.now() + 5_000, never);
          starts.push(Date.now() - begun);
          release();
        }),
      );
      await vi.advanceTimersByTimeAsync(1_000);
      await all;
      expect(starts).toEqual([0, 200, 400]);
    } finally {
      vi.useRealTimers();
    }
  });
});
