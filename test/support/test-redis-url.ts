/**
 * The Redis the team and limit suites run against: the machine's (127.0.0.1:6379) unless
 * scripts/ensure-redis.sh started a throwaway one and exported its address. Each suite keeps to
 * its own key prefix, so runs in parallel never see each other's counters.
 */
export const testRedisUrl = process.env["SWITCHBOARD_TEST_REDIS_URL"] ?? "redis://127.0.0.1:6379";
