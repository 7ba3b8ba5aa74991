import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";

/** JSON-RPC codes the specification names that the SDK's `ErrorCode` does not list. */
export const resourceNotFoundCode = -32002;

/** The SDK's client prefixes messages with `MCP error <code>: `; strip it before passing an error on. */
export function upstreamMessage(error: McpError): string {
  const prefix = `MCP error ${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/**
 * An upstream failure as the error this gateway's client receives: a server's JSON-RPC error
 * passes through with its code, message and data; a server that went away mid-call becomes an
 * internal error that names the server and says it will be restarted.
 */
export function passUpstreamError(server: string, error: unknown): McpError {
  if (error instanceof McpError) {
    if (error.code === ErrorCode.ConnectionClosed) {
      return new McpError(
        ErrorCode.InternalError,
        `The tool server "${server}" exited during the call; it is restarted for the next call.`,
        { server, reason: "server_exited" },
      );
    }
    if (error.code === ErrorCode.RequestTimeout) {
      return new McpError(ErrorCode.InternalError, `The tool server "${server}" did not answer in time.`, {
        server,
        reason: "timeout",
      });
    }
    return new McpError(error.code, upstreamMessage(error), error.data);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new McpError(ErrorCode.InternalError, `The tool server "${server}" failed: ${message}`, {
    server,
    reason: "unavailable",
  });
}

/** A refusal by access policy: it says what was refused and why, never a silent omission. */
export function refusedError(what: string, keyId: string): McpError {
  return new McpError(ErrorCode.InvalidParams, `${what} is not allowed for this key (${keyId}).`, {
    reason: "forbidden",
  });
}

/** A JSON-RPC error body for HTTP answers given before any session exists (401, 403, 404). */
export function jsonRpcErrorBody(code: number, message: string): Record<string, unknown> {
  return { jsonrpc: "2.0", error: { code, message }, id: null };
}
