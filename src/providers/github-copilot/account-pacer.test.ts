import { describe, expect, it } from "vitest";
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
    const pacer = new AccountPacer({ maxConcurrency: 4, minIntervalMs: 200, maxQueueWaitMs: 5_000 });
    const begun = Date.now();
    const starts: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async () => {
        const release = await pacer.acquire(Date.now() + 5_000, never);
        starts.push(Date.now() - begun);
        release();
      }),
    );
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(190);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(190);
  });
});
