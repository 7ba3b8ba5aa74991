import { GatewayError } from "../errors/gateway-error.js";

/** The refusal of a request without the right client key, the same on every route. */
export function missingKeyError(): GatewayError {
  return new GatewayError(
    "authentication",
    "A valid Switchboard API key is required (x-api-key or Authorization: Bearer).",
  );
}

/** The refusal of a body over `server.body_limit_mb`, whoever noticed it (fastify or the generation routes). */
export function bodyTooLargeError(limitMb: number): GatewayError {
  return new GatewayError(
    "request_too_large",
    `The request body is larger than the ${limitMb} MB limit (server.body_limit_mb).`,
  );
}
