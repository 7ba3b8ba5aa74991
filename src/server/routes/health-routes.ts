import type { FastifyInstance } from "fastify";
import type { UsageStore } from "../../store/usage-store.js";

/** Public probes: Claude Code's `HEAD /` connectivity check and a health endpoint for supervisors. */
export function registerHealthRoutes(app: FastifyInstance, store?: UsageStore): void {
  app.head("/", { config: { public: true } }, async (_request, reply) => {
    await reply.code(200).send();
  });
  app.get("/", { config: { public: true } }, async () => ({ name: "switchboard", status: "ok" }));
  // The gateway serves even when its store is down: the status stays "ok" and `store` says the rest.
  app.get("/health", { config: { public: true } }, async () => {
    if (store === undefined) return { status: "ok" };
    const health = store.health();
    return {
      status: "ok",
      store: {
        engine: health.engine,
        up: health.up,
        queue_depth: health.queueDepth,
        dropped: health.dropped,
        ...(health.error === undefined ? {} : { error: health.error }),
      },
    };
  });
}
