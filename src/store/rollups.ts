import { sql, type Kysely, type Transaction } from "kysely";
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

function emptyRollup(bucketStart: number, record: UsageRecord): RollupTable {
  const row = {
    bucket_start: bucketStart,
    model: record.upstreamModel ?? record.requestedModel,
    provider: record.provider ?? "",
    client: record.client ?? "",
    session_id: record.sessionId ?? "",
    key_id: record.keyId ?? "",
    route: record.route ?? "",
    requests: 0,
    errors: 0,
    fallbacks: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    cache_hits: 0,
    cache_lookups: 0,
    premium_spent: 0,
    premium_saved: 0,
    cost_usd: 0,
    generated_tokens: 0,
    generation_ms: 0,
  } as RollupTable;
  for (let index = 0; index < latencyBucketCount; index += 1) {
    row[`latency_${index}`] = 0;
    row[`ttft_${index}`] = 0;
  }
  return row;
}

function add(row: RollupTable, record: UsageRecord): void {
  const usage = record.usage;
  row.requests += 1;
  if (record.status >= 400) row.errors += 1;
  if (servedByFallback(record)) row.fallbacks += 1;
  row.input_tokens += usage?.inputTokens ?? 0;
  row.output_tokens += usage?.outputTokens ?? 0;
  row.cache_read_tokens += usage?.cacheReadTokens ?? 0;
  row.cache_write_tokens += usage?.cacheWriteTokens ?? 0;
  row.reasoning_tokens += usage?.reasoningTokens ?? 0;
  if (record.cacheHit !== undefined) row.cache_lookups += 1;
  if (record.cacheHit === "hit") row.cache_hits += 1;
  row.premium_spent += record.premiumSpent ?? 0;
  row.premium_saved += record.premiumSaved ?? 0;
  row.cost_usd += record.costUsd ?? 0;
  const latency = `latency_${latencyBucketOf(record.durationMs)}` as const;
  row[latency] = (row[latency] ?? 0) + 1;
  if (record.firstByteMs !== undefined) {
    const ttft = `ttft_${latencyBucketOf(record.firstByteMs)}` as const;
    row[ttft] = (row[ttft] ?? 0) + 1;
  }
  const generationMs = record.durationMs - (record.firstByteMs ?? record.durationMs);
  if (record.stream && generationMs > 0 && (usage?.outputTokens ?? 0) > 0) {
    row.generated_tokens += usage?.outputTokens ?? 0;
    row.generation_ms += Math.round(generationMs);
  }
}

/** A batch summed per hour and per day and per dimension: one upsert row each, whatever the batch size. */
export function sumRollups(records: UsageRecord[]): Record<RollupTableName, RollupTable[]> {
  const result: Record<RollupTableName, Map<string, RollupTable>> = { usage_hourly: new Map(), usage_daily: new Map() };
  for (const record of records) {
    const startedAt = Date.parse(record.startedAt);
    for (const [table, size] of [
      ["usage_hourly", hourMs],
      ["usage_daily", dayMs],
    ] as const) {
      const bucketStart = startedAt - (startedAt % size);
      const sample = emptyRollup(bucketStart, record);
      const key = rollupKeyColumns.map((column) => sample[column]).join("\u0000");
      let row = result[table].get(key);
      if (row === undefined) result[table].set(key, (row = sample));
      add(row, record);
    }
  }
  return { usage_hourly: [...result.usage_hourly.values()], usage_daily: [...result.usage_daily.values()] };
}

const rollupsPerStatement = 200;

/** Adds the sums to the stored rollups (insert, or add to the existing row: the same SQL on both engines). */
export async function applyRollups(
  db: Kysely<StoreDatabase> | Transaction<StoreDatabase>,
  table: RollupTableName,
  rows: RollupTable[],
): Promise<void> {
  if (rows.length === 0) return;
  const sample = rows[0] as RollupTable;
  const summed = Object.keys(sample).filter((column) => !(rollupKeyColumns as readonly string[]).includes(column));
  for (let start = 0; start < rows.length; start += rollupsPerStatement) {
    const chunk = rows.slice(start, start + rollupsPerStatement);
    await db
      .insertInto(table)
      .values(chunk)
      .onConflict((conflict) =>
        conflict
          .columns([...rollupKeyColumns])
          .doUpdateSet(
            Object.fromEntries(
              summed.map((column) => [
                column,
                sql`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`,
              ]),
            ) as never,
          ),
      )
      .execute();
  }
}
