import type { ErrorCode } from "../../errors/codes.js";
import type { GatewayError } from "../../errors/gateway-error.js";
import { formatSse } from "../../lib/sse.js";
import { errorHeaders } from "../retry-verdict.js";
import type { RenderedError, UpstreamErrorBody } from "../protocol.js";
import type { ErrorBody, ErrorType } from "./types.js";

/**
 * Our codes in Anthropic's error vocabulary. Failures of the upstream (its credentials, its 5xx)
 * are `api_error`, never `authentication_error`: the client's own key was fine, and Claude Code
 * would otherwise ask the user to log in again.
 */
const errorTypeByCode: Record<ErrorCode, ErrorType> = {
  invalid_request: "invalid_request_error",
  authentication: "authentication_error",
  permission: "permission_error",
  model_not_found: "not_found_error",
  not_found: "not_found_error",
  request_too_large: "request_too_large",
  unsupported_feature: "invalid_request_error",
  context_length_exceeded: "invalid_request_error",
  content_policy: "invalid_request_error",
  rate_limited: "rate_limit_error",
  quota_exceeded: "rate_limit_error",
  upstream_error: "api_error",
  upstream_timeout: "api_error",
  upstream_unavailable: "api_error",
  upstream_overloaded: "overloaded_error",
  upstream_authentication: "api_error",
  client_closed: "api_error",
  internal: "api_error",
};

/** Anthropic's error types read back as our codes (an upstream's error body or stream `error` event). */
const codeByErrorType: Record<string, ErrorCode> = {
  invalid_request_error: "invalid_request",
  authentication_error: "upstream_authentication",
  billing_error: "quota_exceeded",
  permission_error: "permission",
  not_found_error: "not_found",
  request_too_large: "request_too_large",
  rate_limit_error: "rate_limited",
  timeout_error: "upstream_timeout",
  api_error: "upstream_error",
  overloaded_error: "upstream_overloaded",
};

export function errorTypeForCode(code: ErrorCode): ErrorType {
  return errorTypeByCode[code];
}

export function codeForErrorType(type: string | undefined): ErrorCode {
  return (type === undefined ? undefined : codeByErrorType[type]) ?? "upstream_error";
}

export function errorBody(error: GatewayError): ErrorBody {
  const body: ErrorBody = { type: "error", error: { type: errorTypeForCode(error.code), message: error.message } };
  const requestId = error.headers["request-id"];
  if (requestId !== undefined) body.request_id = requestId;
  return body;
}

export function renderError(error: GatewayError): RenderedError {
  return { status: error.status, headers: errorHeaders(error), body: errorBody(error) };
}

export function renderStreamError(error: GatewayError): string {
  return formatSse("error", JSON.stringify(errorBody(error)));
}

export function parseErrorBody(body: string): UpstreamErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const { message, type } = error as { message?: unknown; type?: unknown };
  if (typeof message !== "string") return undefined;
  return typeof type === "string" ? { message, type } : { message };
}
