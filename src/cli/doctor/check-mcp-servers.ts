import type { McpConfig, McpServerConfig } from "../../config/mcp-schema.js";
import { createLogger } from "../../lib/logger.js";
import { ServerConnection } from "../../mcp/server-connection.js";
import { fail, pass, type CheckResult } from "./check-result.js";
import { reasonOf } from "./check-store.js";

function fixFor(server: McpServerConfig): string {
  return server.transport === "stdio"
    ? `check mcp_servers.${server.name}.command, args and env (run the command by hand to see it start)`
    : `check mcp_servers.${server.name}.url and its headers, and that the server is up`;
}

function where(server: McpServerConfig): string {
  return server.transport === "stdio" ? `${server.command ?? ""} ${server.args.join(" ")}`.trim() : (server.url ?? "");
}

/** Starts one server the way `/mcp` does, lists its tools (every page), and stops it. */
async function checkServer(server: McpServerConfig, timeoutMs: number): Promise<CheckResult> {
  const name = `MCP server ${server.name} (${server.transport})`;
  const connection = new ServerConnection({ server, logger: createLogger({ level: "silent" }), idleStopMs: timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no tool list within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const tools = await Promise.race([connection.tools(), timeout]);
    return pass(name, `started; ${tools.length} tool${tools.length === 1 ? "" : "s"} (${where(server)})`);
  } catch (error) {
    const state = connection.state();
    // The server's own words (its last stderr line) say more than the SDK's "Connection closed".
    const said = state.stderrTail.at(-1);
    const detail = `${reasonOf(error)}${said === undefined ? "" : `; it said: ${said}`}`;
    return fail(name, `did not start or list its tools: ${detail}`, fixFor(server));
  } finally {
    clearTimeout(timer);
    await connection.close().catch(() => undefined);
  }
}

/** Each configured tool server (`mcp_servers:`) starts and lists its tools, checked side by side. */
export function checkMcpServers(mcp: McpConfig | undefined, timeoutMs = 20_000): Promise<CheckResult[]> {
  return Promise.all((mcp?.servers ?? []).map((server) => checkServer(server, timeoutMs)));
}
