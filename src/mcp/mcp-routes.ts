import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import type { Config } from "../config/schema.js";
import { toGatewayError } from "../errors/gateway-error.js";
import type { Logger } from "../lib/logger.js";
import { presentedKey } from "../lib/client-key.js";
import { createMcpGateway, type McpGateway } from "./create-mcp-gateway.js";
import { createMasterKeyAccess, type McpAccess, type McpPrincipal } from "./mcp-access.js";
import { createLogMcpCallSink, type McpCallSink } from "./mcp-call-record.js";
import { jsonRpcErrorBody } from "./mcp-errors.js";
import type { ToolEmbedder } from "./rank-tools-by-embedding.js";
import type { SessionScope } from "./tool-catalog.js";

export interface McpRouteOptions {
  config: Config;
  logger: Logger;
  /** Who may use which server and tool. Default: the model API's key, everything allowed. */
  access?: McpAccess;
  /** Where tool-call records go. Default: the log. */
  callSink?: McpCallSink;
  /** Receives the gateway once built (tests, the dashboard). */
  onGateway?: (gateway: McpGateway) => void;
  backoffBaseMs?: number;
  /** Embeddings for `search_tools` (`mcp.tool_search_model`): the server wires the gateway's own path. */
  embed?: ToolEmbedder;
}

function refuse(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="switchboard"');
  return reply.code(status).header("content-type", "application/json").send(jsonRpcErrorBody(code, message));
}

/**
 * `/mcp` (every configured server, names prefixed) and `/mcp/<server>` (one server), over
 * Streamable HTTP. These routes check the client key themselves so that refusals are JSON-RPC
 * shaped, and hand the raw request to the SDK transport, which reads the body with its own limit.
 */
export function registerMcpRoutes(app: FastifyInstance, options: McpRouteOptions): McpGateway | undefined {
  const mcpConfig = options.config.mcp;
  if (mcpConfig === undefined || mcpConfig.servers.length === 0) return undefined;
  const gateway = createMcpGateway({
    config: mcpConfig,
    access: options.access ?? createMasterKeyAccess(options.config.server.apiKey),
    sink: options.callSink ?? createLogMcpCallSink(options.logger),
    logger: options.logger,
    ...(options.backoffBaseMs !== undefined && { backoffBaseMs: options.backoffBaseMs }),
    ...(options.embed !== undefined && { embed: options.embed }),
  });
  options.onGateway?.(gateway);
  app.addHook("onClose", async () => gateway.close());

  void app.register(async (instance) => {
    // Leave the body unread: the SDK transport reads it (and answers an oversized one with 413).
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser("*", (_request, _payload, done) => done(null));
    const routeOptions = { config: { selfAuthenticated: true } };
    const serve = (request: FastifyRequest<{ Params: { server?: string } }>, reply: FastifyReply) =>
      serveMcp(gateway, request, reply);
    for (const url of ["/mcp", "/mcp/:server"]) {
      instance.route({ method: ["GET", "POST", "DELETE"], url, ...routeOptions, handler: serve });
    }
  });
  return gateway;
}

async function serveMcp(
  gateway: McpGateway,
  request: FastifyRequest<{ Params: { server?: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  let principal: McpPrincipal;
  try {
    principal = await gateway.access.authenticate(presentedKey(request.headers));
  } catch (error) {
    // Missing, wrong, revoked or expired (the message says which, never the key); a store failure is a 500.
    const refusal = toGatewayError(error);
    const code = refusal.status >= 500 ? ErrorCode.InternalError : ErrorCode.InvalidRequest;
    return refuse(reply, refusal.status, code, refusal.message);
  }
  const serverName = request.params.server;
  // Read on each request, so that a session follows config reloads: a removed server is gone from it.
  const liveConnections = () =>
    serverName === undefined
      ? gateway.registry.all()
      : [gateway.registry.get(serverName)].filter((item) => item !== undefined);
  const connections = liveConnections();
  const sessionId = request.headers["mcp-session-id"];
  const openSession = typeof sessionId === "string";
  // With no server left after a reload, an open session of `/mcp` carries on with an empty list (its
  // calls say the server is no longer configured); only a new session is told nothing is configured.
  if (serverName === undefined && connections.length === 0 && !openSession) {
    return refuse(reply, 404, ErrorCode.InvalidRequest, "No MCP server is configured.");
  }
  if (serverName !== undefined && connections.length === 0) {
    const known = gateway.registry
      .all()
      .map((connection) => connection.name)
      .join(", ");
    const configured = known === "" ? "no MCP server is configured" : `configured: ${known}`;
    return refuse(reply, 404, ErrorCode.InvalidRequest, `Unknown MCP server "${serverName}" (${configured}).`);
  }
  if (connections.length > 0 && !connections.some((connection) => principal.mayUseServer(connection.name))) {
    const message =
      principal.hasNoGrants === true
        ? `This key (${principal.keyId}) has no MCP grants, so it may use no tool server; create or update it with --mcp <servers> (switchboard keys update ${principal.keyId} --mcp memory,filesystem).`
        : serverName === undefined
          ? `No configured MCP server is allowed for this key (${principal.keyId}); it may use: ${principal.describeGrants()}.`
          : `The MCP server "${serverName}" is not allowed for this key (${principal.keyId}); it may use: ${principal.describeGrants()}.`;
    return refuse(reply, 403, ErrorCode.InvalidRequest, message);
  }
  const owner = `${serverName ?? ""}\u0000${principal.keyId}`;
  reply.hijack();
  if (openSession) {
    const session = gateway.sessions.find(sessionId, owner);
    if (session === undefined) {
      reply.raw.writeHead(404, { "content-type": "application/json" });
      reply.raw.end(
        JSON.stringify(jsonRpcErrorBody(ErrorCode.InvalidRequest, "Session not found; initialize a new session.")),
      );
      return undefined;
    }
    // The key as it is now: a grant removed since the session opened is refused from this request on.
    session.scope.principal = principal;
    await gateway.sessions.handle(session, request.raw, reply.raw);
    return undefined;
  }
  // A new session will list tools next: start its servers now, so the listing does not wait for all of them.
  for (const connection of connections) {
    if (principal.mayUseServer(connection.name)) void connection.tools().catch(() => undefined);
  }
  const scope: SessionScope = {
    get connections() {
      return liveConnections();
    },
    ...(serverName !== undefined && { server: serverName }),
    wasRemoved: (name) => gateway.registry.wasRemoved(name),
    prefixed: serverName === undefined,
    principal,
    logger: gateway.logger,
  };
  const server = gateway.buildServer({ scope, toolSearch: serverName === undefined && gateway.config.toolSearch });
  await gateway.sessions.open({ owner, scope, server, request: request.raw, response: reply.raw });
  return undefined;
}
