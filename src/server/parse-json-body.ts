import { GatewayError } from "../errors/gateway-error.js";

/** Parses the raw body once. Malformed or empty JSON is the client's error, answered as `invalid_request`. */
export function parseJsonBody(raw: unknown): { body: unknown; rawBody: Buffer } {
  const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  if (rawBody.length === 0)
    throw new GatewayError("invalid_request", "The request body is empty; a JSON object is required.");
  try {
    return { body: JSON.parse(rawBody.toString("utf8")), rawBody };
  } catch (error) {
    throw new GatewayError("invalid_request", `The request body is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
