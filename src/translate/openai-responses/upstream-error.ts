import type { ErrorCode } from "../../errors/codes.js";
import { GatewayError } from "../../errors/gateway-error.js";

/** OpenAI's in-stream error codes that have a closer gateway meaning than a generic upstream failure. */
const codeByOpenaiCode: Record<string, ErrorCode> = {
  rate_limit_exceeded: "rate_limited",
  insufficient_quota: "quota_exceeded",
  context_length_exceeded: "context_length_exceeded",
  server_is_overloaded: "upstream_overloaded",
  invalid_prompt: "invalid_request",
  content_policy_violation: "content_policy",
};

/** An `error` event or a failed response's `error`, as the gateway's error. */
export function upstreamStreamError(
  error: { code?: unknown; message?: unknown; param?: unknown } | undefined | null,
): GatewayError {
  const openaiCode = typeof error?.code === "string" ? error.code : undefined;
  const message = typeof error?.message === "string" ? error.message : "The upstream reported a failure.";
  const options = {
    upstream: { provider: "openai-responses", ...(openaiCode === undefined ? {} : { type: openaiCode }) },
    ...(typeof error?.param === "string" ? { param: error.param } : {}),
  };
  return new GatewayError(
    (openaiCode === undefined ? undefined : codeByOpenaiCode[openaiCode]) ?? "upstream_error",
    message,
    options,
  );
}
