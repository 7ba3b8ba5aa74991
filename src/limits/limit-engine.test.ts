import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { KeyLimits } from "../keys/virtual-key.js";
import type { Admission, AdmitRequest, LimitEngine } from "./limit-engine.js";
import { createMemoryLimitEngine } from "./memory-limit-engine.js";
import { createRedisLimitEngine } from "./redis-limit-engine.js";
import { testRedisUrl } from "../../test/support/test-redis-url.js";

// The machine's Redis (127.0.0.1:6379), each run under its own key prefix.
const prefix = `sbtest:${randomBytes(6).toString("hex")}:`;
const redisClients: Redis[] = [];
function redisEngine(): LimitEngine {
  const redis = new Redis(testRedisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  redisClients.push(redis);
  return createRedisLimitEngine({ redis, prefix });
}
afterAll(async () => {
  const redis = redisClients[0];
  if (redis !== undefined) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  for (const client of redisClients) client.disconnect();
});

let counter = 0;
const now = Date.UTC(2026, 11, 6, 20, 30, 10);
function request(subject: string, limits: KeyLimits, extra: Partial<AdmitRequest> = {}): AdmitRequest {
  counter += 1;
  return { subject, requestId: `r${counter}`, limits, reserveUsd: 0, reservePremium: 0, now, ...extra };
}
const subject = () => `key_${randomBytes(8).toString("hex")}`;

/** Both engines, and two Redis engines on two connections (two replicas): one set of rules. */
const cases: Array<[string, () => [LimitEngine, LimitEngine]]> = [
  [
    "in-process",
    () => {
      const engine = createMemoryLimitEngine({ now: () => now });
      return [engine, engine];
    },
  ],
  ["Redis, two replicas", () => [redisEngine(), redisEngine()]],
];

describe.each(cases)("limit engine: %s", (_name, make) => {
  it("allows rpm requests in a minute across replicas, then refuses with the wait until the next minute", async () => {
    const [first, second] = make();
    const key = subject();
    const limits = { rpm: 3 };
    const answers = [];
    for (let index = 0; index < 4; index += 1)
      answers.push(await (index % 2 === 0 ? first : second).admit(request(key, limits)));
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false]);
    expect(answers[3]).toMatchObject({ ok: false, limit: "rpm", retryAfterMs: 50_000 });
  });

  it("counts requests in flight and lets one in again when another settles", async () => {
    const [first, second] = make();
    const key = subject();
    const limits = { maxParallel: 2 };
    const a = await first.admit(request(key, limits));
    const b = await second.admit(request(key, limits));
    expect((await first.admit(request(key, limits))).ok).toBe(false);
    if (!a.ok || !b.ok) throw new Error("expected admissions");
    await a.ticket.engine.settle(a.ticket, { tokens: 0, usd: 0, premium: 0 });
    expect((await second.admit(request(key, limits))).ok).toBe(true);
  });

  it("refuses tokens per minute once the settled tokens reach the limit", async () => {
    const [first, second] = make();
    const key = subject();
    const limits = { tpm: 1000 };
    const a = await first.admit(request(key, limits));
    if (!a.ok) throw new Error("expected admission");
    await first.settle(a.ticket, { tokens: 1200, usd: 0, premium: 0 });
    expect(await second.admit(request(key, limits))).toMatchObject({ ok: false, limit: "tpm" });
  });

  it("reserves budget before and settles after: concurrent requests cannot overshoot together", async () => {
    const [first, second] = make();
    const key = subject();
    const limits: KeyLimits = { budget: { usd: 1, period: "month" } };
    const a = await first.admit(request(key, limits, { reserveUsd: 0.6 }));
    expect(a.ok).toBe(true);
    // 0.6 held: another 0.6 would overshoot the dollar.
    const b = await second.admit(request(key, limits, { reserveUsd: 0.6 }));
    expect(b).toMatchObject({ ok: false, limit: "budget", resetsAt: Date.UTC(2027, 0, 1) });
    if (!a.ok) throw new Error("expected admission");
    await first.settle(a.ticket, { tokens: 10, usd: 0.3, premium: 0 });
    expect((await second.admit(request(key, limits, { reserveUsd: 0.6 }))).ok).toBe(true);
  });

  it("refuses once the budget is spent, until the period resets", async () => {
    const [first, second] = make();
    const key = subject();
    const limits: KeyLimits = { budget: { usd: 0.5, period: "day" } };
    const a = await first.admit(request(key, limits, { reserveUsd: 0.1 }));
    if (!a.ok) throw new Error("expected admission");
    await first.settle(a.ticket, { tokens: 10, usd: 0.7, premium: 0 });
    const refused = await second.admit(request(key, limits, { reserveUsd: 0.1 }));
    expect(refused).toMatchObject({ ok: false, limit: "budget", resetsAt: Date.UTC(2026, 11, 7) });
    const nextDay = now + 86_400_000;
    expect((await second.admit(request(key, limits, { reserveUsd: 0.1, now: nextDay }))).ok).toBe(true);
  });

  it("counts premium requests per period", async () => {
    const [first, second] = make();
    const key = subject();
    const limits: KeyLimits = { premiumRequests: { count: 2, period: "month" } };
    for (const engine of [first, second]) {
      const admitted = await engine.admit(request(key, limits, { reservePremium: 1 }));
      if (!admitted.ok) throw new Error("expected admission");
      await engine.settle(admitted.ticket, { tokens: 1, usd: 0, premium: 1 });
    }
    expect(await first.admit(request(key, limits, { reservePremium: 1 }))).toMatchObject({
      ok: false,
      limit: "premium_requests",
    });
    // What spends none (an agent's turn, a free model, another upstream) still passes.
    expect((await second.admit(request(key, limits, { reservePremium: 0 }))).ok).toBe(true);
  });

  it("starts from a seeded spend, and leaves counters that exist alone", async () => {
    const [first, second] = make();
    const key = subject();
    const limits: KeyLimits = { budget: { usd: 1, period: "month" } };
    const admitted = await first.admit(request(key, limits, { reserveUsd: 0.1 }));
    if (!admitted.ok) throw new Error("expected admission");
    await first.settle(admitted.ticket, { tokens: 1, usd: 0.2, premium: 0 });
    await second.seed(admitted.ticket, { usd: 5, premium: 0 });
    expect((await second.admit(request(key, limits, { reserveUsd: 0.1 }))).ok).toBe(true);
    const fresh = subject();
    const probe = await first.admit(request(fresh, { rpm: 1000 }));
    if (!probe.ok) throw new Error("expected admission");
    await second.seed(
      { ...probe.ticket, request: { ...probe.ticket.request, subject: fresh, limits }, budget: admitted.ticket.budget },
      { usd: 1, premium: 0 },
    );
    expect(await first.admit(request(fresh, limits, { reserveUsd: 0.1 }))).toMatchObject({
      ok: false,
      limit: "budget",
    });
  });

  it("keeps keys apart", async () => {
    const [first] = make();
    const limits = { rpm: 1 };
    expect((await first.admit(request(subject(), limits))).ok).toBe(true);
    expect((await first.admit(request(subject(), limits))).ok).toBe(true);
  });
});

describe("Redis limit engine under concurrency", () => {
  it("admits exactly the limit when many requests race from two replicas", async () => {
    const first = redisEngine();
    const second = redisEngine();
    const key = subject();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? first : second).admit(request(key, { rpm: 25 }))),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(25);
  });

  // Each replica sends the admissions that come together as one script call, decided in order.
  const racing = (engines: LimitEngine[], count: number, make: (index: number) => AdmitRequest) =>
    Promise.all(Array.from({ length: count }, (_, index) => engines[index % engines.length]!.admit(make(index))));
  const admittedOf = (answers: Admission[]) => answers.map((answer) => (answer.ok ? "ok" : answer.limit));

  it("admits exactly rpm of 20 that come together, the first of each replica's batch first", async () => {
    const engines = [redisEngine(), redisEngine()];
    const key = subject();
    const answers = admittedOf(await racing(engines, 20, () => request(key, { rpm: 5 })));
    expect(answers.filter((answer) => answer === "ok")).toHaveLength(5);
    expect(answers.filter((answer) => answer !== "ok")).toEqual(Array(15).fill("rpm"));
    // A replica's own requests are decided in the order they came: its admitted ones come first.
    for (const own of [answers.filter((_, index) => index % 2 === 0), answers.filter((_, index) => index % 2 === 1)])
      expect(own).toEqual([...own].sort((a, b) => Number(b === "ok") - Number(a === "ok")));
  });

  it("admits exactly max-parallel, and the budget's worth of reservations, from two replicas at once", async () => {
    const engines = [redisEngine(), redisEngine()];
    const parallel = subject();
    const inFlight = admittedOf(await racing(engines, 12, () => request(parallel, { maxParallel: 3 })));
    expect(inFlight.filter((answer) => answer === "ok")).toHaveLength(3);
    expect(inFlight.filter((answer) => answer !== "ok")).toEqual(Array(9).fill("max_parallel"));
    const spender = subject();
    const limits: KeyLimits = { budget: { usd: 1, period: "month" } };
    // 0.3 reserved each: three fit in the dollar, a fourth would overshoot it.
    const spent = admittedOf(await racing(engines, 12, () => request(spender, limits, { reserveUsd: 0.3 })));
    expect(spent.filter((answer) => answer === "ok")).toHaveLength(3);
    expect(spent.filter((answer) => answer !== "ok")).toEqual(Array(9).fill("budget"));
  });

  it("decides each request of a mixed batch on its own key's counters", async () => {
    const engines = [redisEngine(), redisEngine()];
    const [tight, loose, parallel] = [subject(), subject(), subject()];
    const answers = admittedOf(
      await racing(engines, 30, (index) =>
        index % 3 === 0
          ? request(tight, { rpm: 2 })
          : index % 3 === 1
            ? request(loose, { rpm: 100 })
            : request(parallel, { maxParallel: 4 }),
      ),
    );
    const ofKey = (remainder: number) => answers.filter((_, index) => index % 3 === remainder);
    expect(ofKey(0).filter((answer) => answer === "ok")).toHaveLength(2);
    expect(ofKey(0).filter((answer) => answer !== "ok")).toEqual(Array(8).fill("rpm"));
    expect(ofKey(1)).toEqual(Array(10).fill("ok"));
    expect(ofKey(2).filter((answer) => answer === "ok")).toHaveLength(4);
    expect(ofKey(2).filter((answer) => answer !== "ok")).toEqual(Array(6).fill("max_parallel"));
  });
});
