import type { FastifyInstance } from "fastify";
import type { CoordinationHealth } from "../../limits/fallback-limit-engine.js";
import type { UsageStore } from "../../store/usage-store.js";

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
    if (state !== undefined) {
      // Serving goes on while Redis is down; these lines say limits are per process meanwhile.
      answer["redis"] = state.redisUp === true ? "up" : "down";
      answer["limits"] = state.engine === "redis" && state.redisUp === true ? "global" : "per-process";
      answer["limit_fallback_decisions"] = state.fallbackDecisions;
    }
    return answer;
  });
}
