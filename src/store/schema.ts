/** One request (the raw row). Times are epoch milliseconds; JSON columns are text on both engines. */
export interface RequestsTable {
  id: string;
  started_at: number;
  client_api: string;
  requested_model: string;
  /** What served it, else what was asked for: the `model` of every view. */
  model: string;
  route: string | null;
  provider: string | null;
  upstream_model: string | null;
  upstream_api: string | null;
  passthrough: number;
  stream: number;
  status: number;
  error_code: string | null;
  finish_reason: string | null;
  duration_ms: number;
  first_byte_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  initiator: string | null;
  client: string | null;
  client_version: string | null;
  session_id: string | null;
  key_id: string | null;
  premium_spent: number;
  premium_saved: number;
  cost_usd: number | null;
  queue_wait_ms: number | null;
  queue_depth: number | null;
  cache_hit: string | null;
  attempt_count: number;
  fallback: number;
  attempts: string;
  warnings: string;
  usage_extra: string | null;
}

/** Bodies live apart from the rows: kept only with `store.bodies: true`, pruned sooner. */
export interface RequestBodiesTable {
  request_id: string;
  started_at: number;
  request_body: string | null;
  response_body: string | null;
}

/** Per hour or per day, per (model, provider, client, session, key, route): sums and latency histograms. */
export interface RollupTable {
  bucket_start: number;
  model: string;
  provider: string;
  client: string;
  session_id: string;
  key_id: string;
  route: string;
  requests: number;
  errors: number;
  fallbacks: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cache_hits: number;
  cache_lookups: number;
  premium_spent: number;
  premium_saved: number;
  cost_usd: number;
  /** Output tokens and milliseconds of streamed answers after their first byte: tokens per second. */
  generated_tokens: number;
  generation_ms: number;
  /** `latency_0` … `latency_19` and `ttft_0` … `ttft_19`: histogram counts (latency-buckets.ts). */
  [histogramColumn: `latency_${number}` | `ttft_${number}`]: number;
}

export interface QuotaSnapshotsTable {
  provider: string;
  taken_at: number;
  entitlement: number | null;
  remaining: number | null;
  percent_remaining: number | null;
  unlimited: number;
  reset_date: string | null;
}

/** One row per applied migration, by name (`0001-usage`, …). */
export interface SchemaMigrationsTable {
  name: string;
  applied_at: number;
}

export interface StoreDatabase {
  requests: RequestsTable;
  request_bodies: RequestBodiesTable;
  usage_hourly: RollupTable;
  usage_daily: RollupTable;
  copilot_quota_snapshots: QuotaSnapshotsTable;
  switchboard_migrations: SchemaMigrationsTable;
}
