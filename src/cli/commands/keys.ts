import { ConfigError } from "../../config/config-error.js";
import { loadConfig, type LoadedConfig } from "../../config/load-config.js";
import { describeUnknownKeyModels, unknownKeyModels, type KnownRoutes } from "../../keys/unknown-key-models.js";
import { listOfferedModels } from "../support/gateway-target.js";
import { KeyService } from "../../keys/key-service.js";
import type { Kysely } from "kysely";
import { createSqlKeyStore, type KeysDatabase } from "../../keys/sql-key-store.js";
import { KeyInputError } from "../../keys/parse-limits.js";
import { createLogger } from "../../lib/logger.js";
import { connectRedis, waitForRedis } from "../../limits/connect-redis.js";
import { openUsageStore } from "../../store/open-usage-store.js";

export interface KeyFlags {
  config?: string;
  name?: string;
  models?: string;
  mcp?: string;
  rpm?: string;
  tpm?: string;
  maxParallel?: string;
  budget?: string;
  premiumRequests?: string;
  expires?: string;
  json?: boolean;
}

/**
 * Runs one key operation on the usage store's database (`store.url` / DATABASE_URL: PostgreSQL
 * shared by replicas, else the SQLite file), where every gateway using it reads keys. A change is announced on Redis when one is configured,
 * so running gateways forget the key at once. Bad input names the flag.
 */
export async function withKeys(
  flags: KeyFlags,
  operation: (keys: KeyService, loaded: LoadedConfig) => Promise<void>,
): Promise<void> {
  try {
    const loaded = await loadConfig({ flags: flags.config === undefined ? {} : { config: flags.config } });
    if (!loaded.config.store.enabled) {
      console.error(
        "Error: keys live in the usage store's database, and the config turns it off (store.enabled: false).",
      );
      process.exitCode = 1;
      return;
    }
    const logger = createLogger({ level: "warn" });
    const usageStore = await openUsageStore({ store: loaded.config.store, logger });
    const changed: string[] = [];
    try {
      const store = createSqlKeyStore(usageStore.db as unknown as Kysely<KeysDatabase>);
      await operation(new KeyService(store, { onChange: (keyId) => changed.push(keyId) }), loaded);
    } finally {
      await usageStore.close();
    }
    const redisConfig = loaded.config.teams?.redis;
    if (changed.length > 0 && redisConfig !== undefined) {
      const redis = connectRedis(redisConfig.url, createLogger({ level: "silent" }), "key changes");
      if (await waitForRedis(redis, 2_000)) {
        for (const keyId of changed) await redis.publish(`${redisConfig.keyPrefix}keys:changed`, keyId);
      }
      redis.disconnect();
    }
  } catch (error) {
    if (error instanceof KeyInputError) {
      const flag = error.field === "id" ? "" : `--${error.field.replaceAll("_", "-")}: `;
      console.error(`Error: ${flag}${error.message}`);
    } else if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

/** What the config routes: its aliases, its providers, and (asked only for a bare name) their models. */
function knownRoutesOf(loaded: LoadedConfig): KnownRoutes {
  let offered: Promise<Array<{ id: string }>> | undefined;
  return {
    aliases: Object.keys(loaded.config.models),
    providers: Object.keys(loaded.config.providers),
    servesBareName: async (name) => {
      offered ??= listOfferedModels(loaded);
      return (await offered).some(({ id }) => id.slice(id.indexOf("/") + 1) === name);
    },
  };
}

/**
 * `keys create/update --models`: names no route has are kept (a route can come later by config
 * reload) but warned of on stderr, with the routes that exist, so a typo does not go unseen.
 */
export async function warnOfUnknownModels(models: string[] | undefined, loaded: LoadedConfig): Promise<void> {
  const routes = knownRoutesOf(loaded);
  const unknown = await unknownKeyModels(models, routes);
  if (unknown.length > 0) console.error(`Warning: ${describeUnknownKeyModels(unknown, routes)}`);
}
