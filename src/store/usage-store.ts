import type { Kysely } from "kysely";
import type { StoreDatabase } from "./schema.js";
import type { UsageRecord, UsageSink } from "./usage-record.js";

export type StoreEngine = "sqlite" | "postgres";

export const groupByValues = ["model", "provider", "client", "session", "key", "route", "day", "hour"] as const;
export type GroupBy = (typeof groupByValues)[number];

export interface StoreHealth {
  engine: StoreEngine;
  up: boolean;
  /** Rows accepted and not yet written. */
  queueDepth: number;
  /** Rows dropped because the queue was full. */
  dropped: number;
  /** Why the store is down, when it is (names the host and the fix). */
  error?: string;
}

export interface UsageQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  groupBy: GroupBy;
}

/** One group of `/api/usage` (snake_case: it is the HTTP shape too). */
export interface UsageGroup {
  key: string;
  requests: number;
  errors: number;
  fallbacks: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  /** Response-cache hits over lookups (0 when nothing was looked up). */
  cache_hit_rate: number;
  /**
   * The provider's prompt cache: cache reads over input tokens (input counts cached tokens, the
   * IR's convention; 0 when there was no input). A fall in it for a session means its prefix stopped
   * matching (issue 28).
   */
  prompt_cache_hit_rate: number;
  premium_spent: number;
  premium_saved: number;
  cost_usd: number;
  p50_ms: number | null;
  p95_ms: number | null;
  ttft_p50_ms: number | null;
  tokens_per_second: number | null;
}

export interface UsageReport {
  /** ISO; the bounds actually summed (rollups are per hour or per day). */
  from: string;
  to: string;
  group_by: GroupBy;
  rows: UsageGroup[];
  totals: UsageGroup;
}

export type SpeedBucket = "hour" | "day";

export interface SpeedQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  bucket: SpeedBucket;
}

/** One model in one hour or day of `/api/usage/speed` (snake_case: the HTTP shape too). */
export interface SpeedPoint {
  /** ISO start of the hour or day (UTC). */
  bucket_start: string;
  model: string;
  requests: number;
  /**
   * Median time to first byte, interpolated in the rollups' TTFT histogram. A streamed answer's
   * first byte is its first chunk; a whole (non-streamed) answer's is the whole body.
   */
  ttft_p50_ms: number | null;
  /**
   * Output tokens ÷ seconds after the first byte, summed over streamed answers that had both (the
   * rollups' generated_tokens and generation_ms); null when there was none.
   */
  tokens_per_second: number | null;
}

export interface SpeedReport {
  /** ISO; the bounds actually read (whole hours or days). */
  from: string;
  to: string;
  bucket: SpeedBucket;
  /** Every model in the range, most requests first. */
  models: string[];
  /** Oldest bucket first. */
  points: SpeedPoint[];
}

export interface RequestListQuery {
  limit: number;
  /** The `next_before` cursor of a previous page, or an epoch ms bound. */
  before?: string;
  model?: string;
  provider?: string;
  status?: number;
  client?: string;
  session?: string;
}

/** One row of `/api/requests` (no bodies). */
export interface RequestSummary {
  id: string;
  started_at: string;
  client_api: string;
  requested_model: string;
  model: string;
  route: string | null;
  provider: string | null;
  status: number;
  error_code: string | null;
  stream: boolean;
  duration_ms: number;
  first_byte_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  client: string | null;
  session_id: string | null;
  key_id: string | null;
  initiator: string | null;
  premium_spent: number;
  premium_saved: number;
  cost_usd: number | null;
  attempts: number;
  fallback: boolean;
}

export interface RequestPage {
  requests: RequestSummary[];
  next_before: string | null;
}

/** Copilot's own count of premium requests, as its user endpoint reported it at one time. */
export interface QuotaSnapshot {
  provider: string;
  takenAt: number;
  entitlement?: number;
  remaining?: number;
  percentRemaining?: number;
  unlimited: boolean;
  resetDate?: string;
}

/** The usage store: a `UsageSink` that keeps rows, reads them back and reports its health. */
export interface UsageStore extends UsageSink {
  /** Queues the row; never throws and never waits. */
  record(row: UsageRecord): void;
  /** Writes every queued row. */
  flush(): Promise<void>;
  /** Flushes, stops the timers and closes the connection. */
  close(): Promise<void>;
  health(): StoreHealth;
  queryUsage(query: UsageQuery): Promise<UsageReport>;
  /** Time to first token and tokens per second per model and per hour or day, from the rollups. */
  querySpeed(query: SpeedQuery): Promise<SpeedReport>;
  listRequests(query: RequestListQuery): Promise<RequestPage>;
  /** The whole row, bodies included when kept; undefined when unknown. */
  getRequest(id: string): Promise<UsageRecord | undefined>;
  /** The live feed: called after a row is accepted. Returns the unsubscribe function. */
  onRecorded(listener: (row: UsageRecord) => void): () => void;
  recordQuota(snapshot: QuotaSnapshot): void;
  listQuota(options: { provider?: string; from: number; to: number }): Promise<QuotaSnapshot[]>;
  /** The Kysely instance, for other rooms' tables (their migrations go in the store's list). */
  readonly db: Kysely<StoreDatabase>;
  readonly engine: StoreEngine;
}
