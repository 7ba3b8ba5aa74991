import { ErrorCode, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { configAllows } from "./config-allows.js";
import type { Logger } from "../lib/logger.js";
import type { McpPrincipal } from "./mcp-access.js";
import { mcpError, passUpstreamError, refusedError } from "./mcp-errors.js";
import type { ServerConnection } from "./server-connection.js";

/** Between server and tool in an aggregated name: `memory__create_entities`. */
export const nameSeparator = "__";

/** What one `/mcp` endpoint serves to one client: some servers, names prefixed or not, for one key. */
export interface SessionScope {
  /** The servers it serves as configured now (read per request: a reload applies to open sessions). */
  readonly connections: ServerConnection[];
  /** `/mcp/<server>`: the server the session was opened for. */
  server?: string;
  /** Whether a server the session no longer finds was removed by a config reload. */
  wasRemoved?: (server: string) => boolean;
  /** `/mcp` prefixes names with the server; `/mcp/<server>` serves one server's names as they are. */
  prefixed: boolean;
  principal: McpPrincipal;
  logger: Logger;
}

export interface ResolvedTool {
  connection: ServerConnection;
  tool: Tool;
  /** The name the client used. */
  publicName: string;
}

export function publicName(scope: SessionScope, server: string, name: string): string {
  return scope.prefixed ? `${server}${nameSeparator}${name}` : name;
}

/** The servers of the scope this key may use. */
export function usableConnections(scope: SessionScope): ServerConnection[] {
  return scope.connections.filter((connection) => scope.principal.mayUseServer(connection.name));
}

/**
 * Every tool the key may use, renamed for the endpoint. A server that cannot be started is left
 * out of the listing and logged (the others still serve); a call to one of its tools then gets
 * the start failure as its error.
 */
export async function listTools(scope: SessionScope): Promise<Tool[]> {
  const lists = await Promise.all(
    usableConnections(scope).map(async (connection) => {
      try {
        const tools = await connection.tools();
        return tools
          .filter((tool) => configAllows(connection.server, tool.name))
          .filter((tool) => scope.principal.mayUseTool(connection.name, tool.name))
          .map((tool) => ({ ...tool, name: publicName(scope, connection.name, tool.name) }));
      } catch (error) {
        scope.logger.warn({ mcpServer: connection.name, err: error }, "mcp server left out of tools/list");
        return [];
      }
    }),
  );
  return lists.flat();
}

/** Which server and tool a client's name means; an unknown or refused name is an error that says so. */
export async function resolveTool(scope: SessionScope, name: string): Promise<ResolvedTool> {
  let connection: ServerConnection | undefined;
  let toolName = name;
  let serverName = scope.server;
  if (scope.prefixed) {
    const at = name.indexOf(nameSeparator);
    serverName = at > 0 ? name.slice(0, at) : undefined;
    connection = scope.connections.find((candidate) => candidate.name === serverName);
    toolName = at > 0 ? name.slice(at + nameSeparator.length) : name;
  } else {
    connection = scope.connections[0];
  }
  if (connection === undefined && serverName !== undefined && scope.wasRemoved?.(serverName) === true) {
    throw mcpError(
      ErrorCode.InvalidParams,
      `Unknown tool: ${name} (the MCP server "${serverName}" is no longer configured)`,
      { server: serverName, reason: "server_removed" },
    );
  }
  if (connection === undefined) {
    const servers = scope.connections.map((candidate) => candidate.name).join(", ");
    throw mcpError(
      ErrorCode.InvalidParams,
      `Unknown tool: ${name} (tool names are <server>${nameSeparator}<tool>; servers: ${servers || "none"})`,
    );
  }
  if (!scope.principal.mayUseServer(connection.name)) {
    throw refusedError(`The MCP server "${connection.name}" (tool ${name})`, scope.principal);
  }
  let tools: Tool[];
  try {
    tools = await connection.tools();
  } catch (error) {
    throw passUpstreamError(connection.name, error);
  }
  const tool = tools.find((candidate) => candidate.name === toolName);
  if (tool === undefined || !configAllows(connection.server, toolName)) {
    throw mcpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
  }
  if (!scope.principal.mayUseTool(connection.name, toolName)) {
    throw refusedError(`The tool ${name}`, scope.principal);
  }
  return { connection, tool, publicName: name };
}
