import type { ErrorCode } from "../../errors/codes.js";
import type { GatewayError } from "../../errors/gateway-error.js";
import { formatSse } from "../../lib/sse.js";
import type { RenderedError, UpstreamErrorBody } from "../protocol.js";
import type { ResponseObject } from "./types.js";

/** OpenAI's `error.type` and `error.code` for each gateway code, as api.openai.com writes them. */
const openaiErrorShape: Record<ErrorCode, { type: string; code: string | null }> = {
  invalid_request: { type: "invalid_request_error", code: null },
  authentication: { type: "invalid_request_error", code: "invalid_api_key" },
  permission: { type: "invalid_request_error", code: "permission_denied" },
  model_not_found: { type: "invalid_request_error", code: "model_not_found" },
  not_found: { type: "invalid_request_error", code: "not_found" },
  request_too_large: { type: "invalid_request_error", code: "request_too_large" },
  unsupported_feature: { type: "invalid_request_error", code: "unsupported_parameter" },
  context_length_exceeded: { type: "invalid_request_error", code: "context_length_exceeded" },
  content_policy: { type: "invalid_request_error", code: "content_policy_violation" },
  rate_limited: { type: "requests", code: "rate_limit_exceeded" },
  quota_exceeded: { type: "insufficient_quota", code: "insufficient_quota" },
  upstream_error: { type: "server_error", code: "server_error" },
  upstream_timeout: { type: "server_error", code: "timeout" },
  upstream_unavailable: { type: "server_error", code: "server_error" },
  upstream_overloaded: { type: "server_error", code: "server_is_overloaded" },
  upstream_authentication: { type: "server_error", code: "upstream_authentication_failed" },
  client_closed: { type: "invalid_request_error", code: "client_closed" },
  internal: { type: "server_error", code: "server_error" },
};

export function errorShapeFor(code: ErrorCode): { type: string; code: string | null } {
  return openaiErrorShape[code];
}

/** The error as an HTTP answer: `{ error: { message, type, param, code } }` with the code's status. */
export function renderError(error: GatewayError): RenderedError {
  const shape = openaiErrorShape[error.code];
  const headers: Record<string, string> = { ...error.headers };
  // The SDKs read this to decide on a retry; we state our own verdict rather than let them guess by status.
  if (headers["x-should-retry"] === undefined) headers["x-should-retry"] = String(error.retryable);
  return {
    status: error.status,
    headers,
    body: { error: { message: error.message, type: shape.type, param: error.param ?? null, code: shape.code } },
  };
}

export interface StreamErrorOptions {
  /** The sequence number of the `error` event; `response.failed` takes the next one. */
  sequenceNumber?: number;
  /** The response as it stood when the failure happened (id, model, output so far). */
  response?: Partial<ResponseObject>;
}

/**
 * The in-stream failure as api.openai.com sends it: an `error` event (the SDK's
 * `ResponseErrorEvent`), then `response.failed` carrying the response with `status: "failed"` and
 * `error`, so that clients waiting for a terminal `response.*` event (Codex, the SDK's
 * `finalResponse()`) end instead of reporting a cut stream.
 */
export function renderStreamErrorEvents(error: GatewayError, options: StreamErrorOptions = {}): string[] {
  const shape = openaiErrorShape[error.code];
  const sequenceNumber = options.sequenceNumber ?? 0;
  const errorEvent = {
    type: "error",
    code: shape.code,
    message: error.message,
    param: error.param ?? null,
    sequence_number: sequenceNumber,
  };
  const response: ResponseObject = {
    id: "resp_failed",
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: "",
    output: [],
    incomplete_details: null,
    ...options.response,
    status: "failed",
    error: { code: shape.code ?? "server_error", message: error.message },
  };
  const failedEvent = { type: "response.failed", response, sequence_number: sequenceNumber + 1 };
  return [formatSse("error", JSON.stringify(errorEvent)), formatSse("response.failed", JSON.stringify(failedEvent))];
}

export function renderStreamError(error: GatewayError): string {
  return renderStreamErrorEvents(error).join("");
}

/** Reads `{ error: { message, type, code, param } }` (OpenAI) or an in-stream `error` event. */
export function parseErrorBody(body: string): UpstreamErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const inner =
    typeof record.error === "object" && record.error !== null
      ? (record.error as Record<string, unknown>)
      : record.type === "error"
        ? record
        : undefined;
  if (inner === undefined || typeof inner.message !== "string") return undefined;
  const result: UpstreamErrorBody = { message: inner.message };
  const type = stringOrUndefined(inner.type);
  const code = stringOrUndefined(inner.code);
  const param = stringOrUndefined(inner.param);
  if (type !== undefined && type !== "error") result.type = type;
  if (code !== undefined) result.code = code;
  if (param !== undefined) result.param = param;
  return result;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
