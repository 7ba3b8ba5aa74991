import type { McpServerConfig } from "../config/mcp-schema.js";

// Apart from tool-catalog.ts so that /api/mcp/servers does not load the MCP SDK (RSS of the laptop gateway).
/** The config's `allowed_tools`/`disallowed_tools`: a tool they exclude does not exist for clients. */
export function configAllows(server: McpServerConfig, tool: string): boolean {
  if (server.allowedTools !== undefined && !server.allowedTools.includes(tool)) return false;
  return !server.disallowedTools.includes(tool);
}
