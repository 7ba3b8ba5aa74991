import type { Logger } from "../lib/logger.js";

/**
 * One row per tool call through `/mcp`, usage-like. The store work adds a sink that writes these
 * to its table (the seam: `McpCallSink`); until then they go to the log.
 */
export interface McpCallRecord {
  /** ISO timestamp of arrival. */
  startedAt: string;
  server: string;
  tool: string;
  keyId: string;
  /** The MCP session the call came in. */
  sessionId?: string;
  durationMs: number;
  /** `tool_error`: the tool ran and answered `isError: true`; `error`: a JSON-RPC error. */
  status: "ok" | "tool_error" | "error" | "refused" | "cancelled";
  /** The JSON-RPC error code, when there was one. */
  errorCode?: number;
  error?: string;
}

export interface McpCallSink {
  record(entry: McpCallRecord): void;
}

export function createLogMcpCallSink(logger: Logger): McpCallSink {
  return { record: (entry) => logger.info({ mcpCall: entry }, "mcp tool call finished") };
}

export function createMemoryMcpCallSink(): McpCallSink & { records: McpCallRecord[] } {
  const records: McpCallRecord[] = [];
  return { records, record: (entry) => void records.push(entry) };
}
