import { sql, type Kysely } from "kysely";
import { latencyBucketCount, quantileOf } from "../latency-buckets.js";
import { rollupCounterColumns } from "../rollups.js";
import type { StoreDatabase } from "../schema.js";
import type { GroupBy, UsageGroup, UsageQuery, UsageReport } from "../usage-store.js";

const hourMs = 3_600_000;
const dayMs = 86_400_000;

const summedColumns = rollupCounterColumns;

const histogramColumns = Array.from({ length: latencyBucketCount }, (_, index) => [
  `latency_${index}`,
  `ttft_${index}`,
]).flat();

const keyColumn: Record<GroupBy, string> = {
  model: "model",
  provider: "provider",
  client: "client",
  session: "session_id",
  key: "key_id",
  route: "route",
  day: "bucket_start",
  hour: "bucket_start",
};

type Sums = Record<string, number>;

/** Tokens per second to one decimal, from the rollups' streamed output tokens and milliseconds after the first byte. */
export function tokensPerSecond(generatedTokens: number, generationMs: number): number | null {
  return generationMs === 0 ? null : Math.round((generatedTokens / generationMs) * 10_000) / 10;
}

function toGroup(key: string, sums: Sums): UsageGroup {
  const latency = Array.from({ length: latencyBucketCount }, (_, index) => sums[`latency_${index}`] ?? 0);
  const ttft = Array.from({ length: latencyBucketCount }, (_, index) => sums[`ttft_${index}`] ?? 0);
  const value = (name: string) => sums[name] ?? 0;
  return {
    key,
    requests: value("requests"),
    errors: value("errors"),
    fallbacks: value("fallbacks"),
    input_tokens: value("input_tokens"),
    output_tokens: value("output_tokens"),
    cache_read_tokens: value("cache_read_tokens"),
    cache_write_tokens: value("cache_write_tokens"),
    reasoning_tokens: value("reasoning_tokens"),
    cache_hit_rate: value("cache_lookups") === 0 ? 0 : value("cache_hits") / value("cache_lookups"),
    prompt_cache_hit_rate:
      value("input_tokens") === 0
        ? 0
        : Math.round((value("cache_read_tokens") / value("input_tokens")) * 10_000) / 10_000,
    premium_spent: value("premium_spent"),
    premium_saved: value("premium_saved"),
    cost_usd: Math.round(value("cost_usd") * 1e6) / 1e6,
    p50_ms: quantileOf(latency, 0.5),
    p95_ms: quantileOf(latency, 0.95),
    ttft_p50_ms: quantileOf(ttft, 0.5),
    tokens_per_second: tokensPerSecond(value("generated_tokens"), value("generation_ms")),
  };
}

/**
 * Sums the rollups, never the raw rows: per-hour rows for ranges under a week and for
 * `group_by=hour`, per-day rows otherwise. The bounds are widened to whole buckets and reported.
 */
export async function queryUsage(db: Kysely<StoreDatabase>, query: UsageQuery): Promise<UsageReport> {
  const daily = query.groupBy === "day" || (query.groupBy !== "hour" && query.to - query.from >= 7 * dayMs);
  const size = daily ? dayMs : hourMs;
  const from = query.from - (query.from % size);
  const to = query.to % size === 0 ? query.to : query.to - (query.to % size) + size;
  const table = daily ? "usage_daily" : "usage_hourly";
  const key = keyColumn[query.groupBy];
  const sums = [...summedColumns, ...histogramColumns].map((column) => sql<number>`sum(${sql.ref(column)})`.as(column));
  const rows = (await db
    .selectFrom(table)
    .select([sql.ref(key).as("group_key"), ...sums])
    .where("bucket_start", ">=", from)
    .where("bucket_start", "<", to)
    .groupBy(key)
    .execute()) as unknown as Array<Sums & { group_key: string | number }>;
  const totals: Sums = {};
  const groups = rows.map((row) => {
    const numbers: Sums = {};
    for (const column of [...summedColumns, ...histogramColumns]) {
      numbers[column] = Number(row[column] ?? 0);
      totals[column] = (totals[column] ?? 0) + (numbers[column] ?? 0);
    }
    const name = key === "bucket_start" ? new Date(Number(row.group_key)).toISOString() : String(row.group_key ?? "");
    return toGroup(name, numbers);
  });
  if (key === "bucket_start") groups.sort((a, b) => a.key.localeCompare(b.key));
  else groups.sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    group_by: query.groupBy,
    rows: groups,
    totals: toGroup("total", totals),
  };
}
