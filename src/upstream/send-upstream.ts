import { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import type { UpstreamResponse, UpstreamTimeouts } from "../providers/provider.js";
import { classifyTransportError } from "./classify-transport-error.js";
import { classifyUpstreamError, type UpstreamErrorRule } from "./classify-upstream-error.js";
import { readBoundedText } from "./read-bounded-text.js";
import { upstreamTarget } from "./upstream-agent.js";

/**
 * The one outbound HTTP call every provider uses: keep-alive pools per origin (undici), connect /
 * first-byte / idle-between-chunks timeouts, cancellation through `signal`, and every non-2xx
 * answer turned into a `GatewayError` by `classifyUpstreamError` (rate limit, quota, overload,
 * context length, upstream auth, …).
 */
export interface SendUpstreamOptions {
  /** The provider id, for error messages and `GatewayError.upstream.provider`. */
  provider: string;
  url: string;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  body?: Buffer | string;
  signal?: AbortSignal;
  timeouts: UpstreamTimeouts;
  /** Provider-specific classification rules, tried before the defaults (Copilot, Duo). */
  errorRules?: readonly UpstreamErrorRule[];
  /** Exact secrets never to echo from an error body (the provider's key or token). */
  secrets?: readonly string[];
}

/** How much of an error body we read: enough for any real error message. */
const errorBodyLimit = 64 * 1024;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  // `for…in` rather than `Object.entries`: no array per header on every answer.
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name.toLowerCase()] = typeof value === "string" ? value : value.join(", ");
  }
  return flat;
}

/**
 * Relays the body with backpressure, turning undici's stream errors (idle timeout, reset) into
 * `GatewayError`s. Destroying the relay destroys the upstream body at once, which closes the
 * socket: a reader that goes away must not keep the upstream generating.
 */
function relayBody(provider: string, body: Readable, signal: AbortSignal | undefined): Readable {
  const output = new Readable({
    read() {
      body.resume();
    },
    destroy(error, callback) {
      body.destroy();
      callback(error);
    },
  });
  body.on("data", (chunk: Buffer) => {
    if (!output.push(chunk)) body.pause();
  });
  body.on("end", () => output.push(null));
  body.on("error", (error) => output.destroy(classifyTransportError(provider, error, signal)));
  return output;
}

export async function sendUpstream(options: SendUpstreamOptions): Promise<UpstreamResponse> {
  const { provider, signal } = options;
  let response: Dispatcher.ResponseData;
  try {
    const { pool, path } = upstreamTarget(options.url, options.timeouts);
    response = await pool.request({
      method: options.method ?? "POST",
      path,
      headers: options.headers,
      // undici's request handler keeps the body it is given until the answer is over. A string
      // body (a translated request: 40–80 KB of JSON) would stay on the JS heap that long and be
      // promoted by young-generation GCs during a stream (measured: ~78 KB promoted per Claude
      // Code → Chat stream); a Buffer's bytes live outside the heap. undici would convert it anyway.
      body: typeof options.body === "string" ? Buffer.from(options.body) : (options.body ?? null),
      signal: signal ?? null,
    });
  } catch (error) {
    throw classifyTransportError(provider, error, signal);
  }
  const headers = flattenHeaders(response.headers);
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers, body: relayBody(provider, response.body, signal) };
  }
  let bodyText: string;
  try {
    bodyText = await readBoundedText(response.body, errorBodyLimit);
  } catch (error) {
    throw classifyTransportError(provider, error, signal);
  }
  throw classifyUpstreamError(
    { provider, status: response.statusCode, headers, bodyText, secrets: options.secrets ?? [] },
    options.errorRules ?? [],
  );
}
