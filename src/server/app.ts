import { createServer } from "node:http";
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import type { Config } from "../config/schema.js";
import { GatewayError, isGatewayError, toGatewayError } from "../errors/gateway-error.js";
import { errorReply } from "../gateway/reply/error-reply.js";
import { knownRoutesOf } from "./routes/known-routes.js";
import type { Gateway } from "../gateway/gateway.js";
import type { Logger } from "../lib/logger.js";
import type { WireApi } from "../protocols/wire-api.js";
import { adminKeyCannotSpendError, type Principal } from "../keys/key-authenticator.js";
import { presentedKey } from "../lib/client-key.js";
import { bodyTooLargeError } from "./client-auth.js";
import { refuseControlCharactersInAdminInput } from "./admin-input.js";
import { registerDashboard, type DashboardOptions } from "./dashboard/register-dashboard.js";
import "./route-config.js";
import type { McpRouteOptions } from "../mcp/mcp-routes.js";
import { registerEmbeddingsRoutes } from "./routes/embeddings-routes.js";
import { registerGenerationRoutes } from "./routes/generation-routes.js";
import { registerHealthRoutes } from "./routes/health-routes.js";
import { keyActivityFromStore } from "./key-activity.js";
import { registerKeyRoutes } from "./routes/key-routes.js";
import { registerModelRoutes } from "./routes/model-routes.js";
import { registerResponsesWebsocketRoute } from "./routes/responses-websocket-route.js";
import { registerUsageRoutes, type UsageRoutesOptions } from "./routes/usage-routes.js";
import { registerMcp } from "./register-mcp.js";
import { createGenerationServer, generationRouteOf, newRequestId } from "./serve-generation.js";
import { createLocalTeamsServices, type TeamsServices } from "./teams-services.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the auth hook let in (the WebSocket route hands it to the gateway). */
    principal: Principal | undefined;
  }
}

export interface BuildAppOptions {
  config: Config;
  gateway: Gateway;
  logger: Logger;
  /** Keys and limits; default: keys in memory, limits per process. */
  teams?: TeamsServices;
  /** The usage store and the metrics registry, for `/api/usage`, `/api/requests` and `/metrics`. */
  usage?: UsageRoutesOptions;
  /** The MCP gateway's access policy and call sink (defaults: the client key, the log). */
  mcp?: Omit<McpRouteOptions, "config" | "logger">;
  dashboard?: DashboardOptions;
}

/** The API whose error shape a request gets: the route's, else guessed from the path and headers. */
function apiOf(request: FastifyRequest): WireApi {
  const api = request.routeOptions.config.api;
  if (api !== undefined) return api;
  if (request.url.includes("/messages") || request.headers["anthropic-version"] !== undefined)
    return "anthropic-messages";
  if (request.url.includes("/responses")) return "openai-responses";
  return "openai-chat";
}

async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: GatewayError,
  gateway?: Gateway,
): Promise<void> {
  // Generation requests refused here never reach the gateway; they still get a usage record.
  const api = request.routeOptions.config.api;
  if (gateway !== undefined && api !== undefined && request.method === "POST") {
    gateway.recordRefusal({
      requestId: request.id,
      clientApi: api,
      startedAt: Date.now() - reply.elapsedTime,
      error,
      headers: request.headers,
    });
  }
  const answer = errorReply(apiOf(request), error, { "x-request-id": request.id });
  await reply
    .code(answer.status)
    .headers(answer.headers)
    .send(answer.body.kind === "json" ? answer.body.value : undefined);
}

function fromFrameworkError(error: FastifyError, bodyLimitMb: number): GatewayError {
  if (isGatewayError(error)) return error;
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return bodyTooLargeError(bodyLimitMb);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new GatewayError("invalid_request", error.message, { status: error.statusCode });
  }
  return toGatewayError(error);
}

/** Why a principal may not use the admin API or /metrics: no key at all (401), or the wrong kind (403). */
function adminRouteRefusal(principal: Principal): GatewayError {
  if (principal.kind === "open") {
    return new GatewayError(
      "authentication",
      "The admin API and /metrics need the admin key (server.admin_key) or the master key.",
    );
  }
  return new GatewayError("permission", "The admin API and /metrics take the master key or the admin key only.");
}

/** Builds the HTTP app: routes, client auth, raw-body parsing and protocol-shaped errors. */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const { config, gateway, logger } = options;
  const teams = options.teams ?? createLocalTeamsServices(config, logger);
  const serveGeneration = createGenerationServer({ config, gateway, logger, authenticator: teams.authenticator });
  const app = Fastify({
    // Generation requests, nearly all of the traffic, go straight to their handler; fastify
    // serves the rest (health, models, the WebSocket, 404s).
    serverFactory: (fastifyHandler) => {
      const server = createServer((request, response) => {
        const route = generationRouteOf(request.method, request.url);
        if (route === undefined) fastifyHandler(request, response);
        else serveGeneration(request, response, route);
      });
      // What fastify sets on a server it creates: long keep-alive, no request timeout.
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      return server;
    },
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: Math.round(config.server.bodyLimitMb * 1024 * 1024),
    genReqId: newRequestId,
    exposeHeadRoutes: false,
    // The usage record is the per-request log line; fastify's own would double it.
    logController: new LogController({ disableRequestLogging: true }),
    // Long generations: no server-side request timeout; upstream timeouts govern.
    requestTimeout: 0,
  });
  // The body stays bytes: passthrough forwards it as received, and it is parsed once, by the route.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.decorateRequest("principal", undefined);
  const { apiKey, adminKey } = config.server;
  if (apiKey !== undefined || adminKey !== undefined) {
    app.addHook("onRequest", async (request, reply) => {
      const routeConfig = request.routeOptions.config;
      if (routeConfig.public === true || routeConfig.generation === true || routeConfig.selfAuthenticated === true)
        return;
      const adminRoute = request.url.startsWith("/api/") || request.url.startsWith("/metrics");
      // With only an admin key, the model routes stay open as without any key.
      if (!adminRoute && apiKey === undefined) return;
      let refusal: GatewayError;
      try {
        const principal = await teams.authenticator.authenticate(presentedKey(request.headers));
        const allowed = adminRoute
          ? principal.kind === "master" || principal.kind === "admin"
          : principal.kind !== "admin";
        if (allowed) {
          request.principal = principal;
          return;
        }
        refusal = adminRoute ? adminRouteRefusal(principal) : adminKeyCannotSpendError();
      } catch (error) {
        refusal = toGatewayError(error);
      }
      if (request.headers.upgrade !== undefined) {
        // A refused WebSocket upgrade: the socket left HTTP's keep-alive handling, so close it ourselves.
        reply.header("connection", "close");
        reply.raw.once("finish", () => request.raw.socket.destroy());
      }
      await sendError(request, reply, refusal, gateway);
      return reply;
    });
  }

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const gatewayError = fromFrameworkError(error, config.server.bodyLimitMb);
    if (gatewayError.code === "internal") request.log.error({ err: error }, "unhandled error");
    await sendError(request, reply, gatewayError, gateway);
  });
  app.setNotFoundHandler(async (request, reply) => {
    await sendError(
      request,
      reply,
      new GatewayError("not_found", `No route for ${request.method} ${request.url.split("?")[0] ?? ""}.`),
    );
  });

  refuseControlCharactersInAdminInput(app);
  registerHealthRoutes(app, options.usage?.store, () => teams.coordination());
  const store = options.usage?.store;
  const keyActivity = store === undefined ? undefined : keyActivityFromStore(store);
  registerKeyRoutes(
    app,
    teams.keyService,
    keyActivity,
    knownRoutesOf(() => gateway.table),
  );
  registerGenerationRoutes(app, serveGeneration);
  registerModelRoutes(app, gateway);
  if (options.usage !== undefined) registerUsageRoutes(app, options.usage);
  const { storedCalls } = registerMcp(app, { config, gateway, logger, teams, usageStore: store, mcp: options.mcp });
  registerEmbeddingsRoutes(app, gateway);
  registerDashboard(app, {
    config,
    gateway,
    logger,
    keys: { service: teams.keyService, ...(keyActivity === undefined ? {} : { activity: keyActivity }) },
    ...options.dashboard,
  });
  // A plugin of its own, so the WebSocket plugin is loaded before these routes are added.
  void app.register(async (instance) =>
    registerResponsesWebsocketRoute(instance, {
      gateway,
      logger,
      enabled: config.server.responsesWebsocket,
      maxPayloadBytes: Math.round(config.server.bodyLimitMb * 1024 * 1024),
    }),
  );
  app.addHook("onClose", async () => {
    // Before the usage store closes (its owner closes it after the app): the queued tool calls are written.
    await storedCalls()?.close();
    await gateway.close();
    await teams.close();
  });
  return app;
}
