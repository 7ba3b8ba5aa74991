import { Redis } from "ioredis";
import type { TeamsConfig } from "../../config/teams-config.js";
import { fail, pass, type CheckResult } from "./check-result.js";
import { reasonOf } from "./check-store.js";

/** Where a Redis URL points, for messages (never its password). */
function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "6379"}`;
  } catch {
    return "an unparseable URL";
  }
}

/** PING, once: no retries, no offline queue, bounded by `timeoutMs`. */
async function ping(url: string, timeoutMs: number): Promise<string> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, a DNS failure) comes as an event; connect() then only
  // rejects with "Connection is closed.".
  let socketError: unknown;
  redis.on("error", (error: unknown) => (socketError ??= error));
  try {
    await redis.connect();
    return await redis.ping();
  } catch (error) {
    throw socketError ?? error;
  } finally {
    redis.disconnect();
  }
}

/**
 * The Redis that coordinates replicas (limits, in-flight counts, cooldowns) and the cache's own,
 * when configured: each answers PING, or the line says what the gateway does without it.
 */
export async function checkRedis(teams: TeamsConfig | undefined, timeoutMs = 2_000): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const coordination = teams?.redis;
  if (coordination !== undefined) {
    const where = describeRedisUrl(coordination.url);
    const without = coordination.failClosed
      ? "requests of keys with limits are refused (redis.fail_closed: true)"
      : "limits fall back to per process (each replica counts alone)";
    try {
      results.push(
        pass("Redis", `${await ping(coordination.url, timeoutMs)} from ${where}; limits shared across replicas`),
      );
    } catch (error) {
      results.push(
        fail(
          "Redis",
          `cannot reach ${where} (${reasonOf(error)}); until it is back, ${without}`,
          "start Redis there, or fix redis.url / REDIS_URL (remove both to run one process without Redis)",
        ),
      );
    }
  }
  const cache = teams?.cache.redisUrl;
  if (cache !== undefined) {
    const where = describeRedisUrl(cache);
    try {
      results.push(pass("Cache Redis", `${await ping(cache, timeoutMs)} from ${where}`));
    } catch (error) {
      results.push(
        fail(
          "Cache Redis",
          `cannot reach ${where} (${reasonOf(error)}); until it is back, every lookup misses (answers come from the upstream)`,
          "start Redis there, or fix cache.redis.url / CACHE_REDIS_URL",
        ),
      );
    }
  }
  return results;
}
