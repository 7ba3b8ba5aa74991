/**
 * The closed set of failure codes. Each protocol renders a `GatewayError` in its own shape;
 * this table gives the HTTP status and whether a retry (by the router or the client) can help.
 * `docs/errors.md` lists every code; a test keeps the two in step.
 */
export const errorCodes = {
  invalid_request: { status: 400, retryable: false },
  authentication: { status: 401, retryable: false },
  permission: { status: 403, retryable: false },
  model_not_found: { status: 404, retryable: false },
  not_found: { status: 404, retryable: false },
  request_too_large: { status: 413, retryable: false },
  unsupported_feature: { status: 400, retryable: false },
  context_length_exceeded: { status: 400, retryable: false },
  content_policy: { status: 400, retryable: false },
  rate_limited: { status: 429, retryable: true },
  quota_exceeded: { status: 429, retryable: false },
  upstream_error: { status: 502, retryable: true },
  upstream_timeout: { status: 504, retryable: true },
  upstream_unavailable: { status: 503, retryable: true },
  upstream_overloaded: { status: 529, retryable: true },
  upstream_authentication: { status: 502, retryable: false },
  client_closed: { status: 499, retryable: false },
  internal: { status: 500, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCodes;

export function statusForCode(code: ErrorCode): number {
  return errorCodes[code].status;
}
