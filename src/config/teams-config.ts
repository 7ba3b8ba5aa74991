import { z } from "zod";
import { KeyInputError, parseAllowance, parseBudget } from "../keys/parse-limits.js";
import { readKeyInput } from "../keys/read-key-input.js";
import type { KeyLimits } from "../keys/virtual-key.js";

/** A text limit checked by the keys' own parser, so that the file and the CLI accept the same forms. */
function parsedBy(field: string, parse: (field: string, text: string) => unknown) {
  return z.string().superRefine((text, context) => {
    try {
      parse(field, text);
    } catch (error) {
      if (!(error instanceof KeyInputError)) throw error;
      context.addIssue({ code: "custom", message: error.message });
    }
  });
}

/**
 * `server.master_key_limits:` — an allowance for the master key, with a key's fields (none by
 * default: the master key may do everything). Its use is counted under the key id "master".
 */
export const masterKeyLimitsSchema = z.strictObject({
  rpm: z.number().int().positive().optional(),
  tpm: z.number().int().positive().optional(),
  max_parallel: z.number().int().positive().optional(),
  /** `50usd/month`, as `keys create --budget`. */
  budget: parsedBy("budget", parseBudget).optional(),
  /** `300/month`, as `keys create --premium-requests`. */
  premium_requests: parsedBy("premium_requests", parseAllowance).optional(),
});

/** `redis:` — coordination of replicas (limits, in-flight counts, budgets, revocations). */
export const redisSchema = z.strictObject({
  url: z.string().min(1).optional(),
  /** Prefixes every key Switchboard writes, so that several deployments (or test runs) can share one Redis. */
  key_prefix: z.string().min(1).optional(),
  /** While Redis is unreachable: refuse requests of limited keys (true) or enforce limits per process (false, default). */
  fail_closed: z.boolean().optional(),
});

/** `cache:` — the response cache (opt in per route or per request). */
export const cacheSchema = z.strictObject({
  /** Cache every route's answers (else only `routes` and requests that ask). */
  enabled: z.boolean().optional(),
  routes: z.array(z.string().min(1)).optional(),
  ttl_s: z.number().positive().optional(),
  max_entries: z.number().int().positive().optional(),
  /** Let keys share cached answers (default: each key its own). */
  share_across_keys: z.boolean().optional(),
  /** A Redis for the cache, apart from the coordination one (`redis.url`). */
  redis: z.strictObject({ url: z.string().min(1) }).optional(),
});

export interface TeamsConfig {
  /** The master key's allowance (`server.master_key_limits`); undefined: none. */
  masterKeyLimits?: KeyLimits;
  redis?: { url: string; keyPrefix: string; failClosed: boolean };
  cache: {
    enabled: boolean;
    routes: string[];
    ttlS: number;
    maxEntries: number;
    shareAcrossKeys: boolean;
    redisUrl?: string;
    /** Prefixes the cache's Redis keys: REDIS_KEY_PREFIX / `redis.key_prefix`, with or without a coordination Redis. */
    keyPrefix: string;
  };
}

interface TeamsFile {
  server?: { master_key_limits?: z.infer<typeof masterKeyLimitsSchema> | undefined } | undefined;
  redis?: z.infer<typeof redisSchema> | undefined;
  cache?: z.infer<typeof cacheSchema> | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** Resolves the teams sections: REDIS_URL (and CACHE_REDIS_URL) from the environment win over the file. */
export function resolveTeamsConfig(file: TeamsFile, env: NodeJS.ProcessEnv): TeamsConfig {
  const keyPrefix = nonEmpty(env["REDIS_KEY_PREFIX"]) ?? file.redis?.key_prefix ?? "switchboard:";
  const teams: TeamsConfig = {
    cache: {
      keyPrefix,
      enabled: file.cache?.enabled ?? false,
      routes: file.cache?.routes ?? [],
      ttlS: file.cache?.ttl_s ?? 600,
      maxEntries: file.cache?.max_entries ?? 1_000,
      shareAcrossKeys: file.cache?.share_across_keys ?? false,
    },
  };
  const masterLimits = file.server?.master_key_limits;
  if (masterLimits !== undefined) {
    // Already checked by the schema: the same reader as `keys create` turns it into limits.
    const limits = readKeyInput(masterLimits, { now: Date.now(), removals: false }).limits;
    if (limits !== undefined) teams.masterKeyLimits = limits as KeyLimits;
  }
  const cacheRedis = nonEmpty(env["CACHE_REDIS_URL"]) ?? file.cache?.redis?.url;
  if (cacheRedis !== undefined) teams.cache.redisUrl = cacheRedis;
  const redisUrl = nonEmpty(env["REDIS_URL"]) ?? file.redis?.url;
  if (redisUrl !== undefined) {
    teams.redis = {
      url: redisUrl,
      keyPrefix,
      failClosed: file.redis?.fail_closed ?? false,
    };
  }
  return teams;
}
