import type { FastifyInstance } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { errorReply } from "../../gateway/error-reply.js";
import { pathPrefixes } from "../route-config.js";

/**
 * Codex's built-in provider first opens the Responses API over a WebSocket (`GET /v1/responses`
 * with `Upgrade: websocket`). A `426` makes it fall back to HTTP POST at once; 404/405/501 make it
 * retry with backoff for seconds first.
 */
export function registerResponsesWebsocketRoute(app: FastifyInstance): void {
  for (const prefix of pathPrefixes) {
    app.get(`${prefix}/responses`, { config: { api: "openai-responses" } }, async (request, reply) => {
      const upgrade = request.headers.upgrade?.toLowerCase() === "websocket";
      const error = upgrade
        ? new GatewayError("unsupported_feature", "The Responses WebSocket mode is not served here; use POST /v1/responses.", { status: 426 })
        : new GatewayError("not_found", "GET /v1/responses is not served; use POST /v1/responses.");
      const answer = errorReply("openai-responses", error, { "x-request-id": request.id });
      await reply.code(answer.status).headers(answer.headers).send(answer.body.kind === "json" ? answer.body.value : undefined);
    });
  }
}
