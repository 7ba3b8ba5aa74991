import type { ErrorCode } from "../errors/codes.js";
import type { GatewayError } from "../errors/gateway-error.js";
import { isRecord } from "../lib/is-record.js";
import type { RenderedError, UpstreamErrorBody } from "./protocol.js";
import { errorHeaders } from "./retry-verdict.js";

/**
 * OpenAI's error shape, shared by Chat Completions and Responses: `error.type` and `error.code`
 * for each gateway code, as api.openai.com writes them (a wrong key is an
 * `invalid_request_error` with code `invalid_api_key`; a rate limit has type `requests`).
 */
const openaiErrorShapes: Record<ErrorCode, { type: string; code: string | null }> = {
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

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAiErrorShape(code: ErrorCode): { type: string; code: string | null } {
  return openaiErrorShapes[code];
}

export function openAiErrorBody(error: GatewayError): OpenAiErrorBody {
  const shape = openaiErrorShapes[error.code];
  return { error: { message: error.message, type: shape.type, param: error.param ?? null, code: shape.code } };
}

/** The error as an HTTP answer: `{ error: { message, type, param, code } }` with the code's status. */
export function renderOpenAiError(error: GatewayError): RenderedError {
  return { status: error.status, headers: errorHeaders(error), body: openAiErrorBody(error) };
}

/** Some compatible servers write numbers where OpenAI writes strings (`"code": 429`). */
function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads OpenAI's `{error:{message,type,param,code}}`, a Responses in-stream `error` event, and the
 * shapes OpenAI-compatible servers use instead: `{error:"text"}`, `{message:"text"}`, and
 * FastAPI's `{detail:"text" | [{msg}]}`.
 */
export function parseOpenAiErrorBody(body: string): UpstreamErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const error = parsed["error"];
  if (typeof error === "string") return { message: error };
  const inner = isRecord(error) ? error : parsed["type"] === "error" ? parsed : undefined;
  if (inner !== undefined && typeof inner["message"] === "string") {
    const result: UpstreamErrorBody = { message: inner["message"] };
    const type = text(inner["type"]);
    const code = text(inner["code"]);
    const param = text(inner["param"]);
    if (type !== undefined && type !== "error") result.type = type;
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
