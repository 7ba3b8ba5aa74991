import type { FastifyInstance } from "fastify";
import type { CoordinationHealth } from "../../limits/fallback-limit-engine.js";

/** Public probes: Claude Code's `HEAD /` connectivity check and a health endpoint for supervisors. */
export function registerHealthRoutes(
  app: FastifyInstance,
  coordination: () => CoordinationHealth | undefined = () => undefined,
): void {
  app.head("/", { config: { public: true } }, async (_request, reply) => {
    await reply.code(200).send();
  });
  app.get("/", { config: { public: true } }, async () => ({ name: "switchboard", status: "ok" }));
  app.get("/health", { config: { public: true } }, async () => {
    const state = coordination();
    if (state === undefined) return { status: "ok" };
    // Serving goes on while Redis is down; this line says limits are per process meanwhile.
    return {
      status: "ok",
      redis: state.redisUp === true ? "up" : "down",
      limits: state.engine === "redis" && state.redisUp === true ? "global" : "per-process",
      limit_fallback_decisions: state.fallbackDecisions,
    };
  });
}
