import { sql, type Kysely } from "kysely";
import { latencyBucketCount, quantileOf } from "../latency-buckets.js";
import type { StoreDatabase } from "../schema.js";
import type { SpeedPoint, SpeedQuery, SpeedReport } from "../usage-store.js";
import { tokensPerSecond } from "./query-usage.js";

const sizeMs = { hour: 3_600_000, day: 86_400_000 } as const;

const ttftColumns = Array.from({ length: latencyBucketCount }, (_, index) => `ttft_${index}`);
const summed = ["requests", "generated_tokens", "generation_ms", ...ttftColumns];

type SpeedRow = Record<string, string | number | null> & { bucket_start: string | number; model: string };

/**
 * Per model and per hour or day, from the rollups (never the raw rows), so a 30-day range costs
 * what a day does. The bounds are widened to whole buckets and reported.
 */
export async function querySpeed(db: Kysely<StoreDatabase>, query: SpeedQuery): Promise<SpeedReport> {
  const size = sizeMs[query.bucket];
  const from = query.from - (query.from % size);
  const to = query.to % size === 0 ? query.to : query.to - (query.to % size) + size;
  const rows = (await db
    .selectFrom(query.bucket === "day" ? "usage_daily" : "usage_hourly")
    .select(["bucket_start", "model", ...summed.map((column) => sql<number>`sum(${sql.ref(column)})`.as(column))])
    .where("bucket_start", ">=", from)
    .where("bucket_start", "<", to)
    .groupBy(["bucket_start", "model"])
    .orderBy("bucket_start")
    .orderBy("model")
    .execute()) as unknown as SpeedRow[];
  const requestsPerModel = new Map<string, number>();
  // PostgreSQL answers bigint sums as strings: every number goes through Number().
  const points = rows.map((row): SpeedPoint => {
    const requests = Number(row["requests"] ?? 0);
    requestsPerModel.set(row.model, (requestsPerModel.get(row.model) ?? 0) + requests);
    return {
      bucket_start: new Date(Number(row.bucket_start)).toISOString(),
      model: row.model,
      requests,
      ttft_p50_ms: quantileOf(
        ttftColumns.map((column) => Number(row[column] ?? 0)),
        0.5,
      ),
      tokens_per_second: tokensPerSecond(Number(row["generated_tokens"] ?? 0), Number(row["generation_ms"] ?? 0)),
    };
  });
  const models = [...requestsPerModel.entries()]
    .sort(([leftModel, left], [rightModel, right]) => right - left || leftModel.localeCompare(rightModel))
    .map(([model]) => model);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: query.bucket, models, points };
}
