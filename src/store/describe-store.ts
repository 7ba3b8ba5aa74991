import { describePostgresUrl } from "./postgres/describe-postgres-url.js";
import type { StoreOptions } from "./store-options.js";
import type { UsageStore } from "./usage-store.js";

/** The start-up banner's line about the store: where it keeps usage, or why it cannot. */
export function describeStore(options: StoreOptions, store: UsageStore | undefined): string {
  if (store === undefined) return "Usage store: off (store.enabled: false); usage is only logged";
  const where =
    options.engine === "sqlite"
      ? `SQLite at ${options.path}`
      : `PostgreSQL at ${describePostgresUrl(options.url ?? "")}`;
  const health = store.health();
  if (!health.up) return `Usage store: DOWN (${where}). ${health.error ?? ""}`;
  return `Usage store: ${where}${options.bodies ? " (bodies kept)" : ""}; retention ${options.retentionDays} days`;
}
