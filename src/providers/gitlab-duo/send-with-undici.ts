import { Agent, request } from "undici";
import { GatewayError, type ErrorCode } from "../../errors/index.js";
import type { UpstreamResponse } from "../provider.js";
import type { SendUpstreamOptions } from "../../upstream/send-upstream.js";

/**
 * The shape of `sendUpstream`: resolves for 2xx only, throws a `GatewayError` for anything else.
 * `secrets` are exact strings never to echo from an error body (the shared client takes them too).
 */
export type SendFunction = (
  options: SendUpstreamOptions & { secrets?: readonly string[] },
) => Promise<UpstreamResponse>;

const maxExcerptLength = 2_000;

/**
 * A stand-in for `sendUpstream` (src/upstream/) that keeps its contract, so the provider and its
 * tests run before the shared client lands. The integrator swaps the default for `sendUpstream`.
 */
export function createUndiciSend(): { send: SendFunction; close: () => Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const send: SendFunction = async (options) => {
    const response = await request(options.url, {
      method: options.method ?? "POST",
      headers: options.headers,
      body: options.body ?? null,
      signal: options.signal ?? null,
      dispatcher: agent,
      headersTimeout: options.timeouts.firstByteMs,
      bodyTimeout: options.timeouts.idleMs,
    });
    const headers = flattenHeaders(response.headers);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { status: response.statusCode, headers, body: response.body };
    }
    let text = (await response.body.text()).slice(0, maxExcerptLength);
    for (const secret of options.secrets ?? []) if (secret.length >= 4) text = text.split(secret).join("[redacted]");
    throw classifyStatus({ provider: options.provider, status: response.statusCode, headers, bodyExcerpt: text });
  };
  return { send, close: () => agent.close() };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** A minimal status-to-code mapping, close to what `classifyUpstreamError` promises. */
function classifyStatus(failure: {
  provider: string;
  status: number;
  headers: Record<string, string>;
  bodyExcerpt: string;
}): GatewayError {
  const code: ErrorCode =
    failure.status === 401
      ? "upstream_authentication"
      : failure.status === 403
        ? "permission"
        : failure.status === 429
          ? "rate_limited"
          : failure.status === 503
            ? "upstream_unavailable"
            : failure.status === 529
              ? "upstream_overloaded"
              : failure.status >= 500
                ? "upstream_error"
                : failure.status === 404
                  ? "not_found"
                  : "invalid_request";
  const retryAfter = parseRetryAfter(failure.headers);
  return new GatewayError(code, `${failure.provider} answered ${failure.status}.`, {
    upstream: {
      provider: failure.provider,
      status: failure.status,
      bodyExcerpt: failure.bodyExcerpt,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    },
  });
}

export function parseRetryAfter(headers: Record<string, string>): number | undefined {
  const milliseconds = headers["retry-after-ms"];
  if (milliseconds !== undefined && Number.isFinite(Number(milliseconds))) return Number(milliseconds) / 1000;
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  if (Number.isFinite(Number(value))) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
