import type { ErrorCode } from "../../errors/codes.js";
import { GatewayError } from "../../errors/gateway-error.js";

/** OpenAI's `error.type` / `error.code` values → gateway codes, for errors that arrive inside a stream. */
const codesByType: Record<string, ErrorCode> = {
  rate_limit_error: "rate_limited",
  rate_limit_exceeded: "rate_limited",
  insufficient_quota: "quota_exceeded",
  context_length_exceeded: "context_length_exceeded",
  content_policy_violation: "content_policy",
  server_error: "upstream_error",
  overloaded_error: "upstream_overloaded",
};

/** The `error` member of a Chat stream chunk → a gateway error. */
export function decodeStreamError(error: unknown): GatewayError {
  if (typeof error === "string") return new GatewayError("upstream_error", error);
  const fields = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const message =
    typeof fields["message"] === "string" ? fields["message"] : "The upstream reported an error mid-stream.";
  const type = typeof fields["type"] === "string" ? fields["type"] : undefined;
  const code = typeof fields["code"] === "string" ? fields["code"] : undefined;
  const mapped =
    (code !== undefined ? codesByType[code] : undefined) ?? (type !== undefined ? codesByType[type] : undefined);
  return new GatewayError(mapped ?? "upstream_error", message);
}
