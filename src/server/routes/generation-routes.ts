import type { FastifyInstance } from "fastify";
import type { GenerationRoute, createGenerationServer } from "../serve-generation.js";
import { generationRoutes } from "../serve-generation.js";

/**
 * The generation routes inside fastify. A listening server answers them before fastify sees them
 * (`buildApp`'s server factory); these serve the same requests when they come through fastify
 * anyway (`app.inject`), with the same code: the body is left unread for it.
 */
export function registerGenerationRoutes(
  app: FastifyInstance,
  serveGeneration: ReturnType<typeof createGenerationServer>,
): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    for (const [path, route] of generationRoutes) {
      scope.post(path, { config: { api: route.api, generation: true } }, (request, reply) => {
        reply.hijack();
        serveGeneration(request.raw, reply.raw, route satisfies GenerationRoute);
      });
    }
  });
}
