import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { GatewayError } from "../errors/gateway-error.js";

/** JSON-RPC codes the specification names that the SDK's `ErrorCode` does not list. */
export const resourceNotFoundCode = -32002;

/** The SDK's client prefixes messages with `MCP error <code>: `; strip it before passing an error on. */
export function upstreamMessage(error: McpError): string {
  const prefix = `MCP error ${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/**
 * An `McpError` whose message goes on the wire (and into the `mcp_calls.error` column) as given.
 * The SDK's constructor prefixes `MCP error <code>: ` and its server sends `error.message`, while
 * its client prefixes again on receipt: every error this gateway answers with is built here, so
 * that a client shows the prefix once. `new McpError` is only for errors compared, not sent.
 */
export function mcpError(code: number, message: string, data?: unknown): McpError {
  const error = new McpError(code, message, data);
  error.message = message;
  return error;
}

/**
 * An upstream failure as the error this gateway's client receives: a server's JSON-RPC error
 * passes through with its code, message and data; a server that went away mid-call becomes an
 * internal error that names the server and says it will be restarted (or, when a reload removed
 * it, why it will not be).
 */
export function passUpstreamError(server: string, error: unknown, retiredBecause?: string): McpError {
  if (error instanceof McpError) {
    // A reload removed or replaced the server while the call ran: it is not restarted, so say why.
    if (error.code === ErrorCode.ConnectionClosed && retiredBecause !== undefined) {
      return mcpError(ErrorCode.InternalError, `The call was cut off: ${retiredBecause}`, {
        server,
        reason: "server_removed",
      });
    }
    if (error.code === ErrorCode.ConnectionClosed) {
      return mcpError(
        ErrorCode.InternalError,
        `The tool server "${server}" exited during the call; it is restarted for the next call.`,
        { server, reason: "server_exited" },
      );
    }
    if (error.code === ErrorCode.RequestTimeout) {
      return mcpError(ErrorCode.InternalError, `The tool server "${server}" did not answer in time.`, {
        server,
        reason: "timeout",
      });
    }
    return mcpError(error.code, upstreamMessage(error), error.data);
  }
  const message = error instanceof Error ? error.message : String(error);
  return mcpError(ErrorCode.InternalError, `The tool server "${server}" failed: ${message}`, {
    server,
    reason: "unavailable",
  });
}

/** A refusal by access policy: it says what was refused and why, never a silent omission. */
export function refusedError(what: string, principal: { keyId: string; describeGrants(): string }): McpError {
  return mcpError(
    ErrorCode.InvalidParams,
    `${what} is not allowed for this key (${principal.keyId}); it may use: ${principal.describeGrants()}.`,
    { reason: "forbidden" },
  );
}

/**
 * A server-defined JSON-RPC code (the -32000 to -32099 range) for a tool call refused by the
 * key's limits, the JSON-RPC counterpart of HTTP 429.
 */
export const overLimitCode = -32029;

/**
 * A key's limit refusal (a 429 `GatewayError`) as a JSON-RPC error: the message says which limit
 * and when to retry; `data` carries the same as the model routes' headers (`retry_after_ms`,
 * `should_retry: false` for a spent budget).
 */
export function overLimitError(refusal: GatewayError): McpError {
  const headers = refusal.headers;
  const retryAfterMs = headers["retry-after-ms"];
  return mcpError(overLimitCode, refusal.message, {
    reason: refusal.code,
    status: refusal.status,
    limit: refusal.param ?? null,
    ...(retryAfterMs !== undefined && { retry_after_ms: Number(retryAfterMs) }),
    ...(headers["retry-after"] !== undefined && { retry_after: Number(headers["retry-after"]) }),
    ...(headers["x-should-retry"] === "false" && { should_retry: false }),
    ...(headers["x-switchboard-limit-reset"] !== undefined && { resets_at: headers["x-switchboard-limit-reset"] }),
  });
}

/** A JSON-RPC error body for HTTP answers given before any session exists (401, 403, 404). */
export function jsonRpcErrorBody(code: number, message: string): Record<string, unknown> {
  return { jsonrpc: "2.0", error: { code, message }, id: null };
}
