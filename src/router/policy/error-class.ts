import type { ErrorClassName } from "../../config/schema.js";
import type { GatewayError } from "../../errors/gateway-error.js";

/**
 * What kind of failure an attempt met, for deciding whether to retry the same target, move on to
 * the next one in the chain, or give up. Each class can be switched on or off per route, so the
 * list is the config's (`fallback_on`).
 */
export type ErrorClass = ErrorClassName;

/** Returns the class of a failure, or undefined when no other target could do better (bad input, client gone). */
export function classifyError(error: GatewayError): ErrorClass | undefined {
  switch (error.code) {
    case "rate_limited":
    case "quota_exceeded":
      return "rate_limit";
    case "upstream_error":
    case "upstream_overloaded":
      return "server_error";
    case "upstream_unavailable":
      return error.upstream?.status === undefined ? "timeout" : "server_error";
    case "upstream_timeout":
      return "timeout";
    case "context_length_exceeded":
      return "context_window";
    case "content_policy":
      return "content_policy";
    case "upstream_authentication":
    case "permission":
      return error.upstream === undefined ? undefined : "upstream_auth";
    case "model_not_found":
      return error.upstream === undefined ? undefined : "upstream_auth";
    default:
      return undefined;
  }
}

/** Classes where trying the same target again, after a pause, can succeed. */
export function isRetryableOnSameTarget(error: GatewayError, errorClass: ErrorClass): boolean {
  if (error.code === "quota_exceeded") return false;
  // A provider that already waited (Copilot's queue) says so; trying again here would wait again.
  if (error.headers["x-should-retry"] === "false") return false;
  return errorClass === "rate_limit" || errorClass === "server_error" || errorClass === "timeout";
}
