import { randomUUID } from "node:crypto";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolResultSchema,
  ErrorCode,
  McpError,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpCallRecord, McpCallSink } from "./mcp-call-record.js";
import { isGatewayError } from "../errors/gateway-error.js";
import { mcpError, overLimitError, passUpstreamError } from "./mcp-errors.js";
import { nameSeparator, resolveTool, type SessionScope } from "./tool-catalog.js";

export type HandlerExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface ToolCallRequest {
  name: string;
  arguments?: Record<string, unknown>;
  /** The client's `_meta` (its `progressToken` decides whether progress is forwarded). */
  meta?: { progressToken?: string | number };
}

/**
 * Sends one tool call to its server and brings back the answer: progress notifications go back
 * under the client's own progress token, the client's cancellation cancels the upstream request,
 * and a JSON-RPC error comes back with its code. Every call, refused ones included, is recorded.
 */
export async function forwardToolCall(options: {
  scope: SessionScope;
  request: ToolCallRequest;
  extra: HandlerExtra;
  sink: McpCallSink;
}): Promise<CallToolResult> {
  const { scope, request, extra, sink } = options;
  const started = Date.now();
  const record = (fields: Pick<McpCallRecord, "server" | "tool" | "status"> & Partial<McpCallRecord>) =>
    sink.record({
      startedAt: new Date(started).toISOString(),
      keyId: scope.principal.keyId,
      durationMs: Date.now() - started,
      ...(extra.sessionId !== undefined && { sessionId: extra.sessionId }),
      ...fields,
    });
  let resolved;
  try {
    resolved = await resolveTool(scope, request.name);
  } catch (error) {
    const refused =
      error instanceof McpError && (error.data as { reason?: string } | undefined)?.reason === "forbidden";
    // The row names server and tool apart, as for calls that ran (a name without a server prefix: no server).
    const at = scope.prefixed ? request.name.indexOf(nameSeparator) : -1;
    const server = scope.prefixed
      ? at > 0
        ? request.name.slice(0, at)
        : ""
      : (scope.server ?? scope.connections[0]?.name ?? "");
    const tool = at > 0 ? request.name.slice(at + nameSeparator.length) : request.name;
    record({ server, tool, status: refused ? "refused" : "error", ...errorFields(error) });
    throw error;
  }
  const { connection, tool } = resolved;
  let release: () => void;
  try {
    release = await scope.principal.admitCall({ server: connection.name, tool: tool.name, callId: randomUUID() });
  } catch (error) {
    const refusal = isGatewayError(error) && error.status === 429 ? overLimitError(error) : toMcpError(error);
    record({ server: connection.name, tool: tool.name, status: "refused", ...errorFields(refusal) });
    throw refusal;
  }
  const progressToken = request.meta?.progressToken;
  // Progress goes out before the result: the result closes the request's stream, and a
  // notification still being written (stored for resumption first) would be lost behind it.
  const progressSent: Array<Promise<void>> = [];
  // The upstream gets a token of ours (clients' tokens could collide across sessions).
  const upstreamToken = `switchboard-${randomUUID()}`;
  const stopListening =
    progressToken === undefined
      ? () => undefined
      : connection.onProgress(upstreamToken, (progress) =>
          progressSent.push(
            extra
              .sendNotification({ method: "notifications/progress", params: { ...progress, progressToken } })
              .catch(() => undefined),
          ),
        );
  const params = {
    name: tool.name,
    arguments: request.arguments ?? {},
    ...(progressToken !== undefined && { _meta: { progressToken: upstreamToken } }),
  };
  try {
    const result = await connection
      .use((client) =>
        client.request({ method: "tools/call", params }, CallToolResultSchema, {
          signal: extra.signal,
          timeout: connection.server.callTimeoutMs,
        }),
      )
      .finally(() => {
        stopListening();
        release();
      });
    await Promise.all(progressSent);
    record({ server: connection.name, tool: tool.name, status: result.isError === true ? "tool_error" : "ok" });
    return result as CallToolResult;
  } catch (error) {
    if (extra.signal.aborted) {
      record({ server: connection.name, tool: tool.name, status: "cancelled" });
      throw error;
    }
    const passed = passUpstreamError(connection.name, error, connection.retiredReason());
    record({ server: connection.name, tool: tool.name, status: "error", ...errorFields(passed) });
    throw passed;
  }
}

/** Anything else the limits threw (their store failing): an internal error, without internals. */
function toMcpError(error: unknown): McpError {
  if (error instanceof McpError) return error;
  const message = isGatewayError(error) ? error.message : "The key's limits could not be checked.";
  return mcpError(ErrorCode.InternalError, message);
}

function errorFields(error: unknown): Pick<McpCallRecord, "errorCode" | "error"> {
  if (error instanceof McpError) return { errorCode: error.code, error: error.message };
  return { error: error instanceof Error ? error.message : String(error) };
}
