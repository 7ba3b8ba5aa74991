import type { ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort, startRedis, stopProcess } from "../../test/support/throwaway-redis.js";
import type { KeyLimits } from "../keys/virtual-key.js";
import { createSilentLogger } from "../lib/logger.js";
import { createFallbackLimitEngine } from "./fallback-limit-engine.js";
import type { AdmitRequest, LimitEngine } from "./limit-engine.js";
import { createMemoryLimitEngine } from "./memory-limit-engine.js";
import { createRedisLimitEngine } from "./redis-limit-engine.js";

// A redis-server of this file's own: its command counts are this file's calls and nobody else's.
let server: ChildProcess;
let url: string;
const clients: Redis[] = [];
async function connect(): Promise<Redis> {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  clients.push(redis);
  await new Promise((resolve) => redis.once("ready", resolve));
  return redis;
}
let observer: Redis;
beforeAll(async () => {
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  server = await startRedis(port);
  observer = await connect();
  // Redis learns the script once (EVALSHA, NOSCRIPT, EVAL): before any test counts.
  await (await engine()).admit(request("warm", { rpm: 1 }));
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await stopProcess(server);
});

/** Script calls since the last reset (EVAL too, should the script have been forgotten). */
async function scriptCalls(): Promise<number> {
  const stats = await observer.info("commandstats");
  let calls = 0;
  for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) calls += Number(match[1]);
  return calls;
}
beforeEach(async () => {
  await observer.flushall();
  await observer.config("RESETSTAT");
});

let counter = 0;
const now = Date.UTC(2026, 11, 6, 20, 30, 10);
function request(subject: string, limits: KeyLimits): AdmitRequest {
  counter += 1;
  return { subject, requestId: `r${counter}`, limits, reserveUsd: 0, reservePremium: 0, now };
}
async function engine(): Promise<LimitEngine> {
  return createRedisLimitEngine({ redis: await connect(), prefix: "batch:" });
}

describe("Redis limit engine: admissions share round trips", () => {
  it("sends a lone admission at once: one script call a request when they come one at a time", async () => {
    const replica = await engine();
    for (let index = 0; index < 10; index += 1)
      expect((await replica.admit(request("one", { rpm: 100 }))).ok).toBe(true);
    expect(await scriptCalls()).toBe(10);
  });

  it("sends the admissions that come while one is in flight as one call, at most 64 to a call", async () => {
    const replica = await engine();
    const answers = await Promise.all(Array.from({ length: 100 }, () => replica.admit(request("many", { rpm: 30 }))));
    // The first at once; the other 99 in two calls (64 and 35) when it returns; decided in order.
    expect(await scriptCalls()).toBe(3);
    expect(answers.map((answer) => answer.ok)).toEqual([...Array(30).fill(true), ...Array(70).fill(false)]);
  });

  it("carries a waiting settle with the next admission, settled before it", async () => {
    const replica = await engine();
    const first = await replica.admit(request("parallel", { maxParallel: 1 }));
    if (!first.ok) throw new Error("expected admission");
    const settled = replica.settle(first.ticket, { tokens: 0, usd: 0, premium: 0 });
    // Not awaited: the settle waits for a round trip to share, and this admission is it.
    expect((await replica.admit(request("parallel", { maxParallel: 1 }))).ok).toBe(true);
    await settled;
    expect(await scriptCalls()).toBe(2);
  });

  it("sends settles on their own 2 ms after when no admission comes", async () => {
    const replica = await engine();
    const admitted = await Promise.all([1, 2, 3].map(() => replica.admit(request("ends", { maxParallel: 5 }))));
    await Promise.all(
      admitted.map((answer) => (answer.ok ? replica.settle(answer.ticket, { tokens: 1, usd: 0, premium: 0 }) : 0)),
    );
    // Two calls for the admissions (one, then two), one for the three settles.
    expect(await scriptCalls()).toBe(3);
    expect(await observer.zcard("batch:limits:{ends}:inflight")).toBe(0);
  });

  it("fails every request of a call that fails, and the next call goes out again", async () => {
    const replica = await engine();
    // A counter of the wrong type makes the script fail (WRONGTYPE) for the whole call.
    await observer.set("batch:limits:{broken}:inflight", "not a sorted set");
    const answers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        replica.admit(index % 2 === 0 ? request("broken", { maxParallel: 2 }) : request("healthy", { rpm: 100 })),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill("rejected"));
    expect(String((answers[1] as PromiseRejectedResult).reason)).toMatch(/WRONGTYPE/);
    expect((await replica.admit(request("healthy", { rpm: 100 }))).ok).toBe(true);
  });

  it("fails every request waiting when the connection is down", async () => {
    const redis = await connect();
    const replica = createRedisLimitEngine({ redis, prefix: "batch:" });
    redis.disconnect();
    const answers = await Promise.allSettled(
      Array.from({ length: 5 }, () => replica.admit(request("offline", { rpm: 100 }))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill("rejected"));
  });

  it("leaves each request of a failed call to the per-process engine, which decides them all", async () => {
    const redis = await connect();
    const limits = createFallbackLimitEngine({
      primary: createRedisLimitEngine({ redis, prefix: "batch:" }),
      fallback: createMemoryLimitEngine({ now: () => now }),
      // Redis went away between the check and the call: the batch's call itself fails.
      isUp: () => true,
      failClosed: false,
      logger: createSilentLogger(),
    });
    redis.disconnect();
    const answers = await Promise.all(Array.from({ length: 8 }, () => limits.admit(request("fallen", { rpm: 3 }))));
    expect(answers.map((answer) => (answer.ok ? "ok" : answer.limit))).toEqual([
      ...Array(3).fill("ok"),
      ...Array(5).fill("rpm"),
    ]);
    expect(limits.health()).toMatchObject({ engine: "memory", fallbackDecisions: 8 });
  });

  it("fails the admissions queued behind a call that timed out with it, instead of sending them to the hung Redis", async () => {
    // A Redis that hangs (stopped, its connection still open): each call ends by its command timeout.
    const port = await freePort();
    const hung = await startRedis(port);
    const redis = new Redis(`redis://127.0.0.1:${port}`, { commandTimeout: 400, maxRetriesPerRequest: 0 });
    clients.push(redis);
    try {
      await new Promise((resolve) => redis.once("ready", resolve));
      const replica = createRedisLimitEngine({ redis, prefix: "hung:" });
      await replica.admit(request("warm", { rpm: 100 }));
      hung.kill("SIGSTOP");
      const endedAt: number[] = [];
      const answers = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          replica.admit(request("stuck", { rpm: 100 })).finally(() => endedAt.push(Date.now())),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill("rejected"));
      expect(String((answers[4] as PromiseRejectedResult).reason)).toMatch(/timed out/i);
      // All five end with the first call's timeout; sent again, the four queued would have waited 400 ms more.
      expect(Math.max(...endedAt) - Math.min(...endedAt)).toBeLessThan(200);
    } finally {
      hung.kill("SIGCONT");
      await stopProcess(hung);
    }
  });
});
