import { isRecord } from "../../lib/is-record.js";
import type { ErrorCode } from "../../errors/codes.js";
import type { GatewayError } from "../../errors/gateway-error.js";
import { formatSse } from "../../lib/sse.js";
import type { RenderedError, UpstreamErrorBody } from "../protocol.js";
import type { ChatErrorBody } from "./types.js";

/** OpenAI's `error.type` and, where OpenAI has a well-known one, `error.code` for each gateway code. */
const openaiShapes: Record<ErrorCode, { type: string; code: string | null }> = {
  invalid_request: { type: "invalid_request_error", code: null },
  authentication: { type: "authentication_error", code: "invalid_api_key" },
  permission: { type: "permission_error", code: null },
  model_not_found: { type: "invalid_request_error", code: "model_not_found" },
  not_found: { type: "not_found_error", code: null },
  request_too_large: { type: "invalid_request_error", code: "request_too_large" },
  unsupported_feature: { type: "invalid_request_error", code: "unsupported_parameter" },
  context_length_exceeded: { type: "invalid_request_error", code: "context_length_exceeded" },
  content_policy: { type: "invalid_request_error", code: "content_policy_violation" },
  rate_limited: { type: "rate_limit_error", code: "rate_limit_exceeded" },
  quota_exceeded: { type: "insufficient_quota", code: "insufficient_quota" },
  upstream_error: { type: "server_error", code: "upstream_error" },
  upstream_timeout: { type: "server_error", code: "timeout" },
  upstream_unavailable: { type: "server_error", code: "service_unavailable" },
  upstream_overloaded: { type: "server_error", code: "overloaded" },
  upstream_authentication: { type: "server_error", code: "upstream_authentication" },
  client_closed: { type: "invalid_request_error", code: "client_closed" },
  internal: { type: "server_error", code: null },
};

export function errorBody(error: GatewayError): ChatErrorBody {
  const shape = openaiShapes[error.code];
  return { error: { message: error.message, type: shape.type, param: error.param ?? null, code: shape.code } };
}

export function renderError(error: GatewayError): RenderedError {
  return { status: error.status, headers: { ...error.headers }, body: errorBody(error) };
}

/** OpenAI ends a failing stream with a bare `data: {"error":{…}}` event (no `event:` line). */
export function renderStreamError(error: GatewayError): string {
  return formatSse(undefined, JSON.stringify(errorBody(error)));
}

/**
 * Reads OpenAI's `{error:{message,type,param,code}}` and the shapes OpenAI-compatible servers use
 * instead: `{error:"text"}`, `{message:"text"}`, and FastAPI's `{detail:"text" | [{msg}]}`.
 */
export function parseErrorBody(body: string): UpstreamErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const error = parsed["error"];
  if (typeof error === "string") return { message: error };
  if (isRecord(error) && typeof error["message"] === "string") {
    const result: UpstreamErrorBody = { message: error["message"] };
    const type = text(error["type"]);
    const code = text(error["code"]);
    const param = text(error["param"]);
    if (type !== undefined) result.type = type;
    if (code !== undefined) result.code = code;
    if (param !== undefined) result.param = param;
    return result;
  }
  if (typeof parsed["message"] === "string") return { message: parsed["message"] };
  const detail = parsed["detail"];
  if (typeof detail === "string") return { message: detail };
  if (Array.isArray(detail)) {
    const messages = detail
      .map((item) => (isRecord(item) ? text(item["msg"]) : undefined))
      .filter((item) => item !== undefined);
    if (messages.length > 0) return { message: messages.join("; ") };
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}
