import type { ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testRedisUrl } from "../../support/test-redis-url.js";
import {
  awayFromMinuteEdge,
  buildOnce,
  chat,
  masterKey,
  startGateway,
  startTeam,
  type Gateway,
  type Team,
} from "./start-team.js";
import { freePort, startRedis, stopProcess, waitUntil } from "../../support/throwaway-redis.js";

async function healthOf(gateway: Gateway): Promise<Record<string, unknown>> {
  return (await (await fetch(`${gateway.url}/health`)).json()) as Record<string, unknown>;
}

describe("two gateways with the response cache on a Redis of its own (cache.redis.url) and limits on redis.url", () => {
  let team: Team;
  let cacheServer: ChildProcess;
  let cacheRedis: Redis;
  let coordinationRedis: Redis;
  beforeAll(async () => {
    buildOnce();
    const port = await freePort();
    cacheServer = await startRedis(port);
    team = await startTeam({
      redisUrl: testRedisUrl,
      env: { CACHE_REDIS_URL: `redis://127.0.0.1:${port}` },
      serverLines: ["  master_key_limits: { rpm: 2 }"],
      script: () => ({ text: "hello from the fake", usage: { inputTokens: 10, outputTokens: 10 } }),
    });
    cacheRedis = new Redis(`redis://127.0.0.1:${port}`);
    coordinationRedis = new Redis(testRedisUrl);
  }, 240_000);
  afterAll(async () => {
    await team?.close();
    if (coordinationRedis !== undefined && team !== undefined) {
      const left = await coordinationRedis.keys(`${team.prefix}*`);
      if (left.length > 0) await coordinationRedis.del(...left);
    }
    cacheRedis?.disconnect();
    coordinationRedis?.disconnect();
    if (cacheServer !== undefined) await stopProcess(cacheServer);
  });

  async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const created = await team.admin(team.gateways[0]!, "POST", "/api/keys", body);
    expect(created.status).toBe(201);
    return created.body;
  }

  it("serve on the second an answer the first cached, from the cache Redis, while one rate limit holds across both through the other", async () => {
    const { key } = await createKey({ name: "cache and limit", rpm: 4 });
    await awayFromMinuteEdge(15_000);
    const before = team.fake.calls.length;
    const first = await chat(team.gateways[0]!, key, "cached");
    expect(first.headers.get("x-switchboard-cache")).toBe("miss");
    const firstBody = await first.json();
    // The answer is stored once its last byte is sent: wait until the cache Redis holds it.
    await waitUntil(async () => (await cacheRedis.keys(`${team.prefix}cache:*`)).length === 1, 5_000);
    const second = await chat(team.gateways[1]!, key, "cached");
    expect(second.headers.get("x-switchboard-cache")).toBe("hit");
    expect(await second.json()).toEqual(firstBody);
    expect(team.fake.calls.length - before).toBe(1);
    // The answer sits in the cache's Redis only; the counters in the coordination Redis only.
    expect(await cacheRedis.keys(`${team.prefix}cache:*`)).toHaveLength(1);
    expect(await coordinationRedis.keys(`${team.prefix}cache:*`)).toHaveLength(0);
    expect((await coordinationRedis.keys(`${team.prefix}limits:*`)).length).toBeGreaterThan(0);
    expect(await cacheRedis.keys(`${team.prefix}limits:*`)).toHaveLength(0);

    // Two of the key's four requests a minute are spent (a cache hit is still a request): two more, alternating.
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await chat(team.gateways[index % 2]!, key);
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    for (const gateway of team.gateways)
      expect(await healthOf(gateway)).toMatchObject({ redis: "up", limits: "global", cache_redis: "up" });
  });

  it("hold the master key to server.master_key_limits across both, its rows carrying the key id master", async () => {
    await awayFromMinuteEdge(15_000);
    const statuses: number[] = [];
    const requestIds: string[] = [];
    let refusal: { status: number; retryAfter: string | null; message: string } | undefined;
    for (let index = 0; index < 4; index += 1) {
      const response = await chat(team.gateways[index % 2]!, masterKey);
      statuses.push(response.status);
      if (response.status === 200) requestIds.push(response.headers.get("x-request-id")!);
      if (response.status === 429 && refusal === undefined) {
        const body = (await response.json()) as { error: { message: string } };
        refusal = { status: 429, retryAfter: response.headers.get("retry-after"), message: body.error.message };
      } else await response.text();
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(Number(refusal?.retryAfter)).toBeGreaterThan(0);
    expect(refusal?.message).toMatch(/^The master key is over its limit of 2 requests per minute; retry in \d+ s\.$/);
    const client = new pg.Client({ connectionString: team.databaseUrl });
    await client.connect();
    try {
      await vi.waitFor(
        async () => {
          const rows = await client.query("select key_id from requests where id = any($1)", [requestIds]);
          expect(rows.rows.map((row) => row.key_id)).toEqual(["master", "master"]);
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      await client.end();
    }
  });

  it("a gateway given only the cache Redis says its limits are per process, at start-up and on /health", async () => {
    const { REDIS_URL: _coordination, ...cacheOnly } = team.env;
    const gateway = await startGateway(team.configFile, cacheOnly, team.directory);
    try {
      // The banner reaches the pipe in pieces: wait for its line rather than for the one before it.
      await vi.waitFor(
        () =>
          expect(gateway.output()).toContain(
            "Warning: cache.redis.url holds only the response cache; limits are per process (each replica allows the whole limit). Set redis.url (or REDIS_URL) to share them.",
          ),
        { timeout: 5_000 },
      );
      expect(await healthOf(gateway)).toMatchObject({ redis: "none", limits: "per-process", cache_redis: "up" });
      // Its cache is still the shared one: what it caches is a hit on the others.
      const { key } = await createKey({ name: "cache only" });
      const cachedBefore = (await cacheRedis.keys(`${team.prefix}cache:*`)).length;
      const missed = await chat(gateway, key, "cached");
      expect(missed.headers.get("x-switchboard-cache")).toBe("miss");
      await missed.text();
      // Stored once its last byte is sent: wait until the cache Redis holds it, not for a fixed time.
      await waitUntil(async () => (await cacheRedis.keys(`${team.prefix}cache:*`)).length === cachedBefore + 1, 5_000);
      const hit = await chat(team.gateways[0]!, key, "cached");
      expect(hit.headers.get("x-switchboard-cache")).toBe("hit");
      await hit.text();
    } finally {
      await gateway.stop();
    }
  });
});
