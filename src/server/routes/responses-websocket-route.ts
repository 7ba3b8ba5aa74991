import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { errorReply } from "../../gateway/reply/error-reply.js";
import type { Gateway } from "../../gateway/gateway.js";
import type { Logger } from "../../lib/logger.js";
import { serveResponsesSocket } from "../responses-websocket/serve-responses-socket.js";
import { pathPrefixes } from "../route-config.js";

/** `GET /v1/responses` over plain HTTP: with an upgrade we could not take, 426 (Codex then falls back to POST at once; 404/405/501 make it retry for seconds). */
async function refuse(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const upgrade = request.headers.upgrade?.toLowerCase() === "websocket";
  const error = upgrade
    ? new GatewayError(
        "unsupported_feature",
        "The Responses WebSocket mode is not served for this request (see server.responses_websocket); use POST /v1/responses.",
        { status: 426 },
      )
    : new GatewayError("not_found", "GET /v1/responses serves only WebSocket upgrades; use POST /v1/responses.");
  const answer = errorReply("openai-responses", error, { "x-request-id": request.id });
  await reply
    .code(answer.status)
    .headers(answer.headers)
    .send(answer.body.kind === "json" ? answer.body.value : undefined);
}

/**
 * Codex's built-in OpenAI provider first opens the Responses API as a WebSocket
 * (`GET /v1/responses`, `Upgrade: websocket`). When `enabled`, that mode is served; otherwise
 * the upgrade is refused with 426.
 */
export async function registerResponsesWebsocketRoute(
  app: FastifyInstance,
  options: { gateway: Gateway; logger: Logger; enabled: boolean; maxPayloadBytes: number },
): Promise<void> {
  if (!options.enabled) {
    for (const prefix of pathPrefixes) app.get(`${prefix}/responses`, { config: { api: "openai-responses" } }, refuse);
    return;
  }
  await app.register(websocket, { options: { maxPayload: options.maxPayloadBytes } });
  for (const prefix of pathPrefixes) {
    app.route({
      method: "GET",
      url: `${prefix}/responses`,
      config: { api: "openai-responses" },
      handler: refuse,
      wsHandler: (socket, request) =>
        serveResponsesSocket({
          socket,
          headers: request.headers,
          gateway: options.gateway,
          logger: options.logger,
          principal: request.principal,
        }),
    });
  }
}
