import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { Config } from "../config/schema.js";
import { createKeyAuthenticator, type KeyAuthenticator } from "../keys/key-authenticator.js";
import { KeyService } from "../keys/key-service.js";
import type { KeyStore } from "../keys/key-store.js";
import { createMemoryKeyStore } from "../keys/memory-key-store.js";
import type { KeysDatabase } from "../keys/sql-key-store.js";
import type { Logger } from "../lib/logger.js";
import { createFallbackLimitEngine, type CoordinationHealth } from "../limits/fallback-limit-engine.js";
import type { LimitEngine } from "../limits/limit-engine.js";
import { createMemoryLimitEngine } from "../limits/memory-limit-engine.js";
import { createRedisLimitEngine } from "../limits/redis-limit-engine.js";
import { createRequestAccess, type RequestAccess, type SpendSince } from "../limits/request-access.js";
import { shareCooldowns } from "../limits/share-cooldowns.js";
import type { DeploymentHealth } from "../router/policy/deployment-health.js";
import { createMemoryCacheStorage, createRedisCacheStorage } from "../response-cache/cache-storage.js";
import { createResponseCache, type ResponseCache } from "../response-cache/response-cache.js";
import { keySpendSince } from "../store/queries/key-spend.js";
import type { UsageStore } from "../store/usage-store.js";

/** Keys, limits and their coordination, built once per server from the config. */
export interface TeamsServices {
  authenticator: KeyAuthenticator;
  keyService: KeyService;
  access: RequestAccess;
  /** The response cache (memory, or Redis when configured). */
  cache: ResponseCache;
  /** Shares the gateway's deployment cooldowns with the other replicas (a no-op without Redis). */
  shareCooldowns(health: DeploymentHealth): void;
  /** Redis and fallback state for /health (undefined without Redis). */
  coordination(): CoordinationHealth | undefined;
  close(): Promise<void>;
}

/** The cache over its own Redis (`cache.redis.url`), else the coordination Redis, else memory. */
function responseCacheOf(config: Config, redis: { connection: Redis; prefix: string } | undefined): ResponseCache {
  const settings = config.teams?.cache;
  const options = {
    enabled: settings?.enabled ?? false,
    routes: settings?.routes ?? [],
    ttlMs: (settings?.ttlS ?? 600) * 1000,
    shareAcrossKeys: settings?.shareAcrossKeys ?? false,
  };
  const storage =
    redis === undefined
      ? createMemoryCacheStorage({ maxEntries: settings?.maxEntries ?? 1_000 })
      : createRedisCacheStorage({ redis: redis.connection, prefix: redis.prefix });
  return createResponseCache({ ...options, storage });
}

/** A key's spend since a moment, summed over the store's rows (what budgets start from after a restart). */
function spendFromStore(usageStore: UsageStore): SpendSince {
  return (keyId, since) => keySpendSince(usageStore, keyId, since);
}

/** The usage store's database, else memory: the SQL store (kysely) loads only with a store (laptop gateway RSS). */
async function keyStoreOf(usageStore: UsageStore | undefined): Promise<KeyStore> {
  if (usageStore === undefined) return createMemoryKeyStore();
  const { createSqlKeyStore } = await import("../keys/sql-key-store.js");
  return createSqlKeyStore(usageStore.db as unknown as Kysely<KeysDatabase>);
}

/** Keys in memory and limits per process: what a server built without `createTeamsServices` uses. */
export function createLocalTeamsServices(config: Config, logger: Logger): TeamsServices {
  const store = createMemoryKeyStore();
  const authenticator = createKeyAuthenticator({
    store,
    masterKey: config.server.apiKey,
    adminKey: config.server.adminKey,
  });
  const engine = createMemoryLimitEngine();
  return {
    authenticator,
    keyService: new KeyService(store, { onChange: (keyId) => authenticator.invalidate(keyId) }),
    access: createRequestAccess({ engine, logger, masterKeyLimits: config.teams?.masterKeyLimits }),
    cache: responseCacheOf(config, undefined),
    coordination: () => undefined,
    shareCooldowns: () => undefined,
    close: async () => undefined,
  };
}

/**
 * Connects what the config asks for: the key store (given, the usage store's database — SQLite, or
 * PostgreSQL shared by replicas — or memory without a store), and Redis (`redis.url` / REDIS_URL) for limits shared by replicas,
 * with per-process limits while it is down. A key changed on one replica is announced on a Redis
 * channel so that every replica forgets it at once (and within 500 ms without Redis).
 */
export async function createTeamsServices(options: {
  config: Config;
  logger: Logger;
  keyStore?: KeyStore;
  usageStore?: UsageStore;
}): Promise<TeamsServices> {
  const { config, logger } = options;
  const teams = config.teams;
  const store = options.keyStore ?? (await keyStoreOf(options.usageStore));
  const authenticator = createKeyAuthenticator({
    store,
    masterKey: config.server.apiKey,
    adminKey: config.server.adminKey,
  });
  const memory = createMemoryLimitEngine();
  let engine: LimitEngine & { health?: () => CoordinationHealth } = memory;
  const connections: Redis[] = [];
  let announce: ((keyId: string) => void) | undefined;
  if (teams?.redis !== undefined) {
    const { url, keyPrefix, failClosed } = teams.redis;
    // ioredis is loaded only when a Redis URL is configured (RSS of the laptop gateway).
    const { connectRedis, waitForRedis } = await import("../limits/connect-redis.js");
    const redis = connectRedis(url, logger, "coordination");
    const subscriber = connectRedis(url, logger, "key changes");
    connections.push(redis, subscriber);
    await waitForRedis(redis, 2_000);
    engine = createFallbackLimitEngine({
      primary: createRedisLimitEngine({ redis, prefix: keyPrefix }),
      fallback: memory,
      isUp: () => redis.status === "ready",
      failClosed,
      logger,
    });
    const channel = `${keyPrefix}keys:changed`;
    subscriber.on("message", (from: string, keyId: string) => {
      if (from === channel) authenticator.invalidate(keyId);
    });
    // Subscribed once ready (commands are not queued while offline); ioredis resubscribes after a reconnect.
    subscriber.on("ready", () => void subscriber.subscribe(channel).catch(() => undefined));
    announce = (keyId) => void redis.publish(channel, keyId).catch(() => undefined);
  }
  let cacheRedis: { connection: Redis; prefix: string } | undefined;
  let separateCache: Redis | undefined;
  if (teams?.cache.redisUrl !== undefined) {
    // As above: ioredis only with a Redis URL.
    const { connectRedis, waitForRedis } = await import("../limits/connect-redis.js");
    separateCache = connectRedis(teams.cache.redisUrl, logger, "cache");
    connections.push(separateCache);
    // As for coordination: the first requests find it connected (commands are not queued while offline).
    await waitForRedis(separateCache, 2_000);
    cacheRedis = { connection: separateCache, prefix: teams.cache.keyPrefix };
    if (teams.redis === undefined) {
      // Choosing a cache never chooses coordination: say so, rather than let replicas each allow the limit.
      logger.warn(
        "cache.redis.url holds only the response cache: limits are per process (each replica allows the whole limit); set redis.url (or REDIS_URL) to share them",
      );
    }
  } else if (teams?.redis !== undefined) {
    cacheRedis = { connection: connections[0]!, prefix: teams.redis.keyPrefix };
  }
  const keyService = new KeyService(store, {
    onChange: (keyId) => {
      authenticator.invalidate(keyId);
      announce?.(keyId);
    },
  });
  return {
    authenticator,
    keyService,
    access: createRequestAccess({
      engine,
      logger,
      masterKeyLimits: teams?.masterKeyLimits,
      ...(options.usageStore === undefined ? {} : { spendSince: spendFromStore(options.usageStore) }),
    }),
    cache: responseCacheOf(config, cacheRedis),
    coordination() {
      const cache = separateCache === undefined ? {} : { cacheRedisUp: separateCache.status === "ready" };
      if (engine.health !== undefined) return { ...engine.health(), ...cache };
      return separateCache === undefined
        ? undefined
        : { engine: "memory", redisUp: undefined, fallbackDecisions: 0, ...cache };
    },
    shareCooldowns(health) {
      const [publisher, subscriber] = connections;
      if (teams?.redis === undefined || publisher === undefined || subscriber === undefined) return;
      shareCooldowns({ health, publisher, subscriber, channel: `${teams.redis.keyPrefix}cooldowns` });
    },
    async close() {
      await engine.close();
      await store.close();
      for (const connection of connections) connection.disconnect();
    },
  };
}
