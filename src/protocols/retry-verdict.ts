import type { GatewayError } from "../errors/gateway-error.js";

/**
 * The headers of an error answer, with `x-should-retry` stating our verdict: the official SDKs
 * (and Claude Code) obey it, so "false" stops them from hammering an answer that will not change,
 * and "true" lets them retry what may pass later. A verdict already set (the router's, after it
 * walked a fallback chain) stands.
 */
export function errorHeaders(error: GatewayError): Record<string, string> {
  const headers: Record<string, string> = { ...error.headers };
  if (headers["x-should-retry"] === undefined) headers["x-should-retry"] = String(error.retryable);
  return headers;
}
