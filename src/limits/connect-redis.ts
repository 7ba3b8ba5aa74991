import { Redis } from "ioredis";
import type { Logger } from "../lib/logger.js";

/**
 * A Redis connection for coordination or the cache: commands fail at once while it is down (no
 * offline queue: the request path never waits on a dead Redis), and it reconnects with backoff
 * (200 ms doubling to 5 s). The URL, which may hold a password, is never logged.
 */
export function connectRedis(url: string, logger: Logger, role: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(200 * 2 ** Math.min(attempt, 5), 5_000),
  });
  let wasReady = false;
  redis.on("ready", () => {
    if (wasReady) logger.info({ role }, "Redis reconnected");
    wasReady = true;
  });
  redis.on("error", (error: Error) => {
    // ioredis emits an error per failed reconnect; one line per state change is enough.
    if (wasReady || redis.listenerCount("error") === 1) logger.debug({ role, err: error.message }, "Redis error");
  });
  redis.on("end", () => logger.debug({ role }, "Redis connection ended"));
  return redis;
}

/** Waits until the connection is ready or `timeoutMs` passes (start-up: serve anyway, per process). */
export function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off("ready", ready);
      resolve(false);
    }, timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once("ready", ready);
  });
}
