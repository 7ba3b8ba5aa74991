import type { ModelPrice } from "./price-table.js";

/** How the store is opened: the `store:` config section, resolved (defaults filled). */
export interface StoreOptions {
  engine: "sqlite" | "postgres";
  /** The SQLite file (engine sqlite). */
  path: string;
  /** The PostgreSQL URL (engine postgres). */
  url?: string;
  /** A PostgreSQL schema to keep the tables in (several stores in one database; tests). */
  schema?: string;
  /** Keep request and response bodies (redacted, capped). */
  bodies: boolean;
  retentionDays: number;
  bodyRetentionDays: number;
  /** Rows held in memory at most while the database is slow or down; more are dropped and counted. */
  queueMax: number;
  /** How often queued rows are written: a `kill -9` loses at most this much. */
  flushIntervalMs: number;
  batchSize: number;
  /** Price overrides and additions, per million tokens. */
  prices: Record<string, ModelPrice>;
}

export const storeDefaults = {
  retentionDays: 90,
  bodyRetentionDays: 7,
  queueMax: 10_000,
  // Rows are written within 100 ms: kept longer, a busy gateway's rows outlive V8's young
  // generation and swell the heap (bench/RESULTS.md, session 17: 15–25 MB of peak RSS).
  flushIntervalMs: 100,
  batchSize: 500,
} as const;
