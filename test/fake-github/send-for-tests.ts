import { request } from "undici";
import { GatewayError, type ErrorCode } from "../../src/errors/index.js";
import type { SendUpstreamOptions } from "../../src/upstream/send-upstream.js";
import type { UpstreamResponse } from "../../src/providers/provider.js";

/**
 * A minimal stand-in for `sendUpstream` (same contract: resolve on 2xx, throw a `GatewayError`
 * with `upstream.status` and `bodyExcerpt` otherwise) until the real client is merged.
 */
export async function sendForTests(options: SendUpstreamOptions): Promise<UpstreamResponse> {
  const response = await request(options.url, {
    method: options.method ?? "POST",
    headers: options.headers,
    body: options.body ?? null,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === "string") headers[name] = value;
  }
  if (response.statusCode >= 200 && response.statusCode < 300)
    return { status: response.statusCode, headers, body: response.body };
  const text = await response.body.text();
  throw new GatewayError(codeFor(response.statusCode), `${options.provider} answered ${response.statusCode}`, {
    status: response.statusCode,
    upstream: { provider: options.provider, status: response.statusCode, bodyExcerpt: text.slice(0, 2000) },
  });
}

function codeFor(status: number): ErrorCode {
  if (status === 401) return "upstream_authentication";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "upstream_error";
  return "invalid_request";
}
