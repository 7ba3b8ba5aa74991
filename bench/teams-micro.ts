/**
 * The CPU the key check and limit accounting add to one request, measured in-process (the
 * whole-gateway rows of `bench/teams.ts` move by 2-3× between rounds on a shared machine):
 *   node --import tsx bench/teams-micro.ts [--requests 20000]
 * Per request: authenticate the key (SHA-256, cached lookup), admit (rpm, tpm, max-parallel, budget)
 * and settle, with the in-process engine and with the Redis engine (127.0.0.1:6379). CPU is this
 * process's (process.cpuUsage), so Redis's own work is not counted, ioredis's is.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createKeyAuthenticator } from "../src/keys/key-authenticator.js";
import { KeyService } from "../src/keys/key-service.js";
import { createMemoryKeyStore } from "../src/keys/memory-key-store.js";
import { createSilentLogger } from "../src/lib/logger.js";
import type { LimitEngine } from "../src/limits/limit-engine.js";
import { createMemoryLimitEngine } from "../src/limits/memory-limit-engine.js";
import { createRedisLimitEngine } from "../src/limits/redis-limit-engine.js";
import { createRequestAccess } from "../src/limits/request-access.js";

const index = process.argv.indexOf("--requests");
const requests = index === -1 ? 20_000 : Number(process.argv[index + 1]);

async function measure(name: string, engine: LimitEngine): Promise<void> {
  const store = createMemoryKeyStore();
  const { secret } = await new KeyService(store).create({
    name: "bench",
    rpm: 1e9,
    tpm: 1e12,
    max_parallel: 1e6,
    budget: "1000000000usd/month",
  });
  const authenticator = createKeyAuthenticator({ store, masterKey: "master" });
  const access = createRequestAccess({ engine, logger: createSilentLogger() });
  const one = async (requestId: string) => {
    const principal = await authenticator.authenticate(secret);
    const grant = await access.admit({
      principal,
      model: "sonnet",
      requestId,
      initiator: "user",
      bodyBytes: 2_000,
      maxOutputTokens: 1_000,
    });
    grant?.settle({ usage: { inputTokens: 500, outputTokens: 200 }, upstreamModel: "claude-sonnet-4-5" });
  };
  for (let warm = 0; warm < 2_000; warm += 1) await one(`w${warm}`);
  const before = process.cpuUsage();
  const started = performance.now();
  for (let request = 0; request < requests; request += 1) await one(`r${request}`);
  const used = process.cpuUsage(before);
  const cpu = (used.user + used.system) / requests;
  console.log(`| ${name} | ${cpu.toFixed(1)} | ${(((performance.now() - started) * 1000) / requests).toFixed(1)} |`);
}

console.log(
  `\n${requests} requests, one at a time\n\n| limits | CPU µs a request | wall µs a request |\n| --- | --- | --- |`,
);
await measure("in-process", createMemoryLimitEngine());
const redis = new Redis("redis://127.0.0.1:6379");
const prefix = `sbmicro:${randomBytes(4).toString("hex")}:`;
await measure("Redis", createRedisLimitEngine({ redis, prefix }));
const keys = await redis.keys(`${prefix}*`);
if (keys.length > 0) await redis.del(...keys);
redis.disconnect();
