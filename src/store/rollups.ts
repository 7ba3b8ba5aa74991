import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import { latencyBucketCount, latencyBucketOf } from "./latency-buckets.js";
import { servedByFallback } from "./request-row.js";
import type { RollupTable, StoreDatabase } from "./schema.js";
import type { UsageRecord } from "./usage-record.js";

export const rollupKeyColumns = [
  "bucket_start",
  "model",
  "provider",
  "client",
  "session_id",
  "key_id",
  "route",
] as const;

const hourMs = 3_600_000;
const dayMs = 86_400_000;

export type RollupTableName = "usage_hourly" | "usage_daily";

// Built once: a template string per record and column was a measurable share of a small request's store cost.
const latencyColumns = Array.from({ length: latencyBucketCount }, (_, index) => `latency_${index}` as const);
const ttftColumns = Array.from({ length: latencyBucketCount }, (_, index) => `ttft_${index}` as const);

/** The counters and amounts a rollup row sums (the histograms apart). */
export const rollupCounterColumns = [
  "requests",
  "errors",
  "fallbacks",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cache_hits",
  "cache_lookups",
  "premium_spent",
  "premium_saved",
  "cost_usd",
  "generated_tokens",
  "generation_ms",
] as const;

/** The summed columns, in the order `rollupValues` gives them after the key columns. */
export const rollupSummedColumns = [...rollupCounterColumns, ...latencyColumns, ...ttftColumns] as const;

/** Every column of a rollup table: the key, then the sums. */
export const rollupColumns = [...rollupKeyColumns, ...rollupSummedColumns] as const;

/** A rollup row's values in `rollupColumns` order. */
export function rollupValues(row: RollupTable): Array<string | number> {
  return rollupColumns.map((column) => row[column] as string | number);
}

function emptyRollup(bucketStart: number, record: UsageRecord): RollupTable {
  const row = {
    bucket_start: bucketStart,
    model: record.upstreamModel ?? record.requestedModel,
    provider: record.provider ?? "",
    client: record.client ?? "",
    session_id: record.sessionId ?? "",
    key_id: record.keyId ?? "",
    route: record.route ?? "",
  } as RollupTable;
  for (const column of rollupSummedColumns) row[column] = 0;
  return row;
}

function add(row: RollupTable, record: UsageRecord): void {
  const usage = record.usage;
  row.requests += 1;
  if (record.status >= 400) row.errors += 1;
  if (servedByFallback(record)) row.fallbacks += 1;
  if (usage !== undefined) {
    row.input_tokens += usage.inputTokens;
    row.output_tokens += usage.outputTokens;
    row.cache_read_tokens += usage.cacheReadTokens ?? 0;
    row.cache_write_tokens += usage.cacheWriteTokens ?? 0;
    row.reasoning_tokens += usage.reasoningTokens ?? 0;
  }
  if (record.cacheHit !== undefined) row.cache_lookups += 1;
  if (record.cacheHit === "hit") row.cache_hits += 1;
  row.premium_spent += record.premiumSpent ?? 0;
  row.premium_saved += record.premiumSaved ?? 0;
  row.cost_usd += record.costUsd ?? 0;
  const latency = latencyColumns[latencyBucketOf(record.durationMs)] as `latency_${number}`;
  row[latency] = (row[latency] ?? 0) + 1;
  if (record.firstByteMs !== undefined) {
    const ttft = ttftColumns[latencyBucketOf(record.firstByteMs)] as `ttft_${number}`;
    row[ttft] = (row[ttft] ?? 0) + 1;
  }
  const generationMs = record.durationMs - (record.firstByteMs ?? record.durationMs);
  if (record.stream && generationMs > 0 && (usage?.outputTokens ?? 0) > 0) {
    row.generated_tokens += usage?.outputTokens ?? 0;
    row.generation_ms += Math.round(generationMs);
  }
}

function addTo(buckets: Map<string, RollupTable>, bucketStart: number, dimensions: string, record: UsageRecord): void {
  const key = `${bucketStart}\u0000${dimensions}`;
  let row = buckets.get(key);
  if (row === undefined) buckets.set(key, (row = emptyRollup(bucketStart, record)));
  add(row, record);
}

/** A batch summed per hour and per day and per dimension: one upsert row each, whatever the batch size. */
export function sumRollups(records: UsageRecord[]): Record<RollupTableName, RollupTable[]> {
  const hourly = new Map<string, RollupTable>();
  const daily = new Map<string, RollupTable>();
  for (const record of records) {
    const startedAt = Date.parse(record.startedAt);
    const dimensions = `${record.upstreamModel ?? record.requestedModel}\u0000${record.provider ?? ""}\u0000${record.client ?? ""}\u0000${record.sessionId ?? ""}\u0000${record.keyId ?? ""}\u0000${record.route ?? ""}`;
    addTo(hourly, startedAt - (startedAt % hourMs), dimensions, record);
    addTo(daily, startedAt - (startedAt % dayMs), dimensions, record);
  }
  return { usage_hourly: [...hourly.values()], usage_daily: [...daily.values()] };
}

/**
 * The upsert that adds a rollup row to the stored one (the same SQL on both engines but for the
 * placeholders: `?` for SQLite, `$n` for PostgreSQL), for `rowCount` rows.
 */
export function rollupUpsertSql(table: RollupTableName, rowCount: number, placeholders: "?" | "$n"): string {
  const width = rollupColumns.length;
  const tuples = Array.from(
    { length: rowCount },
    (_, row) =>
      `(${rollupColumns.map((_, column) => (placeholders === "?" ? "?" : `$${row * width + column + 1}`)).join(", ")})`,
  );
  const sums = rollupSummedColumns.map((column) => `"${column}" = "${table}"."${column}" + excluded."${column}"`);
  return (
    `insert into "${table}" (${rollupColumns.map((column) => `"${column}"`).join(", ")}) values ${tuples.join(", ")} ` +
    `on conflict (${rollupKeyColumns.map((column) => `"${column}"`).join(", ")}) do update set ${sums.join(", ")}`
  );
}

const rollupsPerStatement = 200;
const upsertTexts = new Map<string, string>();

/** Adds the sums to the stored rollups (insert, or add to the existing row). PostgreSQL's path; SQLite's is synchronous. */
export async function applyRollups(
  db: Kysely<StoreDatabase> | Transaction<StoreDatabase>,
  table: RollupTableName,
  rows: RollupTable[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += rollupsPerStatement) {
    const chunk = rows.slice(start, start + rollupsPerStatement);
    const cacheKey = `${table}:${chunk.length}`;
    let text = upsertTexts.get(cacheKey);
    if (text === undefined) upsertTexts.set(cacheKey, (text = rollupUpsertSql(table, chunk.length, "$n")));
    await db.executeQuery(CompiledQuery.raw(text, chunk.flatMap(rollupValues)));
  }
}
