import { join } from "node:path";
import { userDataDir } from "./data-dir.js";
import type { Config, ConfigFile } from "./schema.js";

/** The store's settings: `store.url`, else `DATABASE_URL` (LiteLLM's variable), picks PostgreSQL; else SQLite in the data folder. */
export function resolveStore(file: ConfigFile["store"], env: NodeJS.ProcessEnv): Config["store"] {
  const databaseUrl = env["DATABASE_URL"];
  const url = file?.url ?? (databaseUrl === undefined || databaseUrl === "" ? undefined : databaseUrl);
  const store: Config["store"] = {
    enabled: file?.enabled ?? true,
    engine: url === undefined ? "sqlite" : "postgres",
    path: file?.path ?? join(userDataDir(env), "usage.sqlite"),
    bodies: file?.bodies ?? false,
    retentionDays: file?.retention_days ?? 90,
    bodyRetentionDays: Math.min(file?.body_retention_days ?? 7, file?.retention_days ?? 90),
    queueMax: file?.queue_max ?? 10_000,
    // Within 100 ms: rows kept longer swell a busy gateway's heap (src/store/store-options.ts).
    flushIntervalMs: file?.flush_interval_ms ?? 100,
    batchSize: 500,
    prices: Object.fromEntries(
      Object.entries(file?.prices ?? {}).map(([model, price]) => {
        const entry: Config["store"]["prices"][string] = { input: price.input, output: price.output };
        if (price.cache_read !== undefined) entry.cacheRead = price.cache_read;
        if (price.cache_write !== undefined) entry.cacheWrite = price.cache_write;
        return [model, entry];
      }),
    ),
  };
  if (url !== undefined) store.url = url;
  return store;
}
