import type { FastifyInstance } from "fastify";
import type { CoordinationHealth } from "../../limits/fallback-limit-engine.js";
import type { UsageStore } from "../../store/usage-store.js";

/**
 * Where limits are decided. Serving goes on while Redis is down: `limits` says they are per
 * process meanwhile, or `refused` under `redis.fail_closed`. With only a cache Redis, `redis` is
 * `none`: that Redis holds the response cache, never the limits.
 */
function describeCoordination(state: CoordinationHealth): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  if (state.redisUp === undefined) {
    answer["redis"] = "none";
    answer["limits"] = "per-process";
  } else {
    answer["redis"] = state.redisUp ? "up" : "down";
    answer["limits"] =
      state.engine === "redis" && state.redisUp ? "global" : state.failClosed === true ? "refused" : "per-process";
    answer["limit_fallback_decisions"] = state.fallbackDecisions;
  }
  if (state.cacheRedisUp !== undefined) answer["cache_redis"] = state.cacheRedisUp ? "up" : "down";
  return answer;
}

/** Public probes: Claude Code's `HEAD /` connectivity check and a health endpoint for supervisors. */
export function registerHealthRoutes(
  app: FastifyInstance,
  store?: UsageStore,
  coordination: () => CoordinationHealth | undefined = () => undefined,
): void {
  app.head("/", { config: { public: true } }, async (_request, reply) => {
    await reply.code(200).send();
  });
  app.get("/", { config: { public: true } }, async () => ({ name: "switchboard", status: "ok" }));
  // The gateway serves even when its store is down: the status stays "ok" and `store` says the rest.
  app.get("/health", { config: { public: true } }, async () => {
    const answer: Record<string, unknown> = { status: "ok" };
    if (store !== undefined) {
      const health = store.health();
      answer["store"] = {
        engine: health.engine,
        up: health.up,
        queue_depth: health.queueDepth,
        dropped: health.dropped,
        ...(health.error === undefined ? {} : { error: health.error }),
      };
    }
    const state = coordination();
    if (state !== undefined) Object.assign(answer, describeCoordination(state));
    return answer;
  });
}
