import type { FastifyInstance } from "fastify";

/** Public probes: Claude Code's `HEAD /` connectivity check and a health endpoint for supervisors. */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.head("/", { config: { public: true } }, async (_request, reply) => {
    await reply.code(200).send();
  });
  app.get("/", { config: { public: true } }, async () => ({ name: "switchboard", status: "ok" }));
  app.get("/health", { config: { public: true } }, async () => ({ status: "ok" }));
}
