import type { FastifyInstance } from "fastify";
import type { Config } from "../config/schema.js";
import type { Gateway } from "../gateway/gateway.js";
import type { Logger } from "../lib/logger.js";
import type { McpGateway } from "../mcp/create-mcp-gateway.js";
import { createKeyMcpAccess } from "../mcp/key-mcp-access.js";
import { createLogMcpCallSink } from "../mcp/mcp-call-record.js";
import type { McpRouteOptions } from "../mcp/mcp-routes.js";
import type { StoredMcpCalls } from "../mcp/store-mcp-call-sink.js";
import type { UsageStore } from "../store/usage-store.js";
import { createGatewayToolEmbedder } from "./gateway-tool-embedder.js";
import { registerMcpAdminRoutes } from "./routes/mcp-admin-routes.js";
import type { TeamsServices } from "./teams-services.js";

/**
 * `/mcp` (when `mcp_servers:` lists any) and `/api/mcp/*`. The calls table (kysely) and the MCP SDK
 * are imported in a plugin only when the store or a server is configured (RSS of the laptop gateway);
 * fastify loads the plugin before the server listens.
 */
export function registerMcp(
  app: FastifyInstance,
  options: {
    config: Config;
    gateway: Gateway;
    logger: Logger;
    teams: TeamsServices;
    usageStore: UsageStore | undefined;
    mcp: Omit<McpRouteOptions, "config" | "logger"> | undefined;
  },
): { storedCalls: () => StoredMcpCalls | undefined } {
  const { config, gateway, logger, teams, usageStore } = options;
  let storedCalls: StoredMcpCalls | undefined;
  let mcpGateway: McpGateway | undefined;
  void app.register(async (instance) => {
    // Tool calls are usage rows too: in the store's `mcp_calls` table, and in the log (or the given sink).
    const logCalls = options.mcp?.callSink ?? createLogMcpCallSink(logger);
    let callSink = logCalls;
    if (usageStore !== undefined) {
      const { createStoreMcpCallSink, teeMcpCallSinks } = await import("../mcp/store-mcp-call-sink.js");
      storedCalls = createStoreMcpCallSink({ store: usageStore, logger, retentionDays: config.store.retentionDays });
      callSink = teeMcpCallSinks(storedCalls, logCalls);
    }
    if (config.mcp === undefined || config.mcp.servers.length === 0) return;
    const { registerMcpRoutes } = await import("../mcp/mcp-routes.js");
    mcpGateway = registerMcpRoutes(instance, {
      config,
      logger,
      // The model API's keys: grants from `--mcp`, and each tool call under the key's limits.
      access: createKeyMcpAccess({ authenticator: teams.authenticator, access: teams.access }),
      // `search_tools` embeddings (`mcp.tool_search_model`) go through this gateway, under the caller's key.
      embed: createGatewayToolEmbedder(gateway),
      ...options.mcp,
      callSink,
    });
  });
  registerMcpAdminRoutes(app, { gateway: () => mcpGateway, calls: () => storedCalls });
  return { storedCalls: () => storedCalls };
}
