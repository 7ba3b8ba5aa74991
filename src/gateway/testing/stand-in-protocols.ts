import { GatewayError } from "../../errors/gateway-error.js";
import type { Protocol } from "../../protocols/protocol.js";
import type { WireApi } from "../../protocols/wire-api.js";

/**
 * Minimal protocols for tests that run before (or without) the real ones: they validate only
 * `model`, and render errors in each API's documented shape. `withStandIns` keeps every real
 * protocol and fills only the missing ones.
 */
const anthropicErrorTypes: Record<string, string> = {
  invalid_request: "invalid_request_error",
  authentication: "authentication_error",
  permission: "permission_error",
  not_found: "not_found_error",
  model_not_found: "not_found_error",
  request_too_large: "request_too_large",
  rate_limited: "rate_limit_error",
  upstream_overloaded: "overloaded_error",
};

function standIn(api: WireApi): Protocol {
  const anthropic = api === "anthropic-messages";
  const body = (error: GatewayError): Record<string, unknown> =>
    anthropic
      ? { type: "error", error: { type: anthropicErrorTypes[error.code] ?? "api_error", message: error.message } }
      : { error: { message: error.message, type: error.code, param: error.param ?? null, code: error.code } };
  return {
    api,
    parseRequest(value: unknown) {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new GatewayError("invalid_request", "The body must be a JSON object.");
      const request = value as Record<string, unknown>;
      if (typeof request["model"] !== "string")
        throw new GatewayError("invalid_request", "model: a string is required.", { param: "model" });
      return request;
    },
    requestModel: (request) => request["model"] as string,
    requestStream: (request) => request["stream"] === true,
    renderError: (error) => ({ status: error.status, headers: { ...error.headers }, body: body(error) }),
    renderStreamError: (error) =>
      anthropic ? `event: error\ndata: ${JSON.stringify(body(error))}\n\n` : `data: ${JSON.stringify(body(error))}\n\n`,
    parseErrorBody: () => undefined,
  };
}

export function withStandIns(protocols: Record<WireApi, Protocol>): Record<WireApi, Protocol> {
  const filled = { ...protocols };
  for (const api of Object.keys(filled) as WireApi[]) {
    if (filled[api] === undefined) filled[api] = standIn(api);
  }
  return filled;
}
