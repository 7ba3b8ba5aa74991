import type { FastifyInstance } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import type { McpGateway } from "../../mcp/create-mcp-gateway.js";
import type { McpCallQuery } from "../../mcp/mcp-calls-table.js";
import type { StoredMcpCalls } from "../../mcp/store-mcp-call-sink.js";
import type { ServerConnection } from "../../mcp/server-connection.js";
import { configAllows } from "../../mcp/config-allows.js";
import { listPage, onlyParameters, single, type Query } from "./usage-routes.js";

const callParameters = ["limit", "before", "server", "tool"];
// A server that does not list its tools in this time is shown without them (its error says why).
const toolsTimeoutMs = 5_000;

export function mcpCallQuery(query: Query): McpCallQuery {
  onlyParameters(query, callParameters);
  const list: McpCallQuery = listPage(query);
  for (const name of ["server", "tool"] as const) {
    const value = single(query, name);
    if (value !== undefined) list[name] = value;
  }
  return list;
}

/** One server as `/api/mcp/servers` shows it; listing a stopped server's tools starts it (it stops again when idle). */
async function describeServer(connection: ServerConnection): Promise<Record<string, unknown>> {
  let tools: Array<{ name: string; description: string | null }> | null = null;
  let toolsError: string | null = null;
  try {
    const listed = await Promise.race([
      connection.tools(),
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => reject(new Error(`no tool list within ${toolsTimeoutMs / 1000} s`)), toolsTimeoutMs).unref(),
      ),
    ]);
    tools = listed
      .filter((tool) => configAllows(connection.server, tool.name))
      .map((tool) => ({ name: tool.name, description: tool.description ?? null }));
  } catch (error) {
    toolsError = error instanceof Error ? error.message : String(error);
  }
  const state = connection.state();
  return {
    name: state.name,
    transport: state.transport,
    state: state.state,
    pid: state.pid ?? null,
    restarts: state.restarts,
    consecutive_failures: state.consecutiveFailures,
    last_error: state.lastError ?? null,
    stderr_tail: state.stderrTail,
    tools,
    tools_error: toolsError,
  };
}

/**
 * `/api/mcp/servers` (each configured tool server: state, last error, tools) and `/api/mcp/calls`
 * (the newest tool calls from the usage store). Behind the admin key like `/api/usage` (app.ts's hook).
 */
export function registerMcpAdminRoutes(
  app: FastifyInstance,
  options: { gateway: () => McpGateway | undefined; calls: () => StoredMcpCalls | undefined },
): void {
  app.get("/api/mcp/servers", async () => ({
    servers: await Promise.all((options.gateway()?.registry.all() ?? []).map(describeServer)),
  }));
  app.get("/api/mcp/calls", async (request) => {
    const query = mcpCallQuery(request.query as Query);
    const calls = options.calls();
    if (calls === undefined) {
      throw new GatewayError("upstream_unavailable", "The usage store is disabled (store.enabled: false).", {
        status: 503,
      });
    }
    try {
      return await calls.list(query);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "The usage store is down.";
      throw new GatewayError("upstream_unavailable", reason, { status: 503 });
    }
  });
}
