/**
 * Upper bounds (ms) of the latency histogram kept in the rollups and in `/metrics`. Percentiles
 * over any range are read from summed bucket counts, so views never sort raw rows.
 */
export const latencyBucketBounds = [
  50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000,
  300_000,
] as const;

/** One more bucket than bounds: the last holds everything above the highest bound. */
export const latencyBucketCount = latencyBucketBounds.length + 1;

export function latencyBucketOf(ms: number): number {
  for (let index = 0; index < latencyBucketBounds.length; index += 1) {
    if (ms <= (latencyBucketBounds[index] ?? 0)) return index;
  }
  return latencyBucketBounds.length;
}

/**
 * The quantile `q` (0–1) of a histogram, interpolated linearly inside the bucket where it falls.
 * Null when the histogram is empty.
 */
export function quantileOf(counts: number[], q: number): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let index = 0; index < counts.length; index += 1) {
    const count = counts[index] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = index === 0 ? 0 : (latencyBucketBounds[index - 1] ?? 0);
      const upper = latencyBucketBounds[index] ?? lower * 2;
      return Math.round(lower + ((rank - seen) / count) * (upper - lower));
    }
    seen += count;
  }
  return latencyBucketBounds[latencyBucketBounds.length - 1] ?? null;
}
