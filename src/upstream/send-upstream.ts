import type { Dispatcher } from "undici";
import type { UpstreamResponse, UpstreamTimeouts } from "./upstream-types.js";
import { classifyTransportError } from "./classify-transport-error.js";
import { classifyUpstreamError, type UpstreamErrorRule } from "./classify-upstream-error.js";
import { readBoundedText } from "./read-bounded-text.js";
import { upstreamTarget } from "./upstream-agent.js";
import { UpstreamBody } from "./upstream-body.js";

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

/** One string per header. Names are already lower case: undici's dispatch handler gets them so. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  // `for…in` rather than `Object.entries`: no array per header on every answer.
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = typeof value === "string" ? value : value.join(", ");
  }
  return flat;
}

/** An answer's status line and headers, with its body still arriving. */
interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: UpstreamBody;
}

/**
 * Sends one request through undici's `dispatch` and feeds the answer's body straight into an
 * `UpstreamBody`. `Pool.request` would put a readable of its own in front (an async resource, a
 * body stream, a promise), which the gateway then had to relay into the stream it hands on: every
 * chunk of every answer crossed two streams.
 */
function dispatch(
  pool: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal: AbortSignal | undefined,
  classify: (error: unknown) => Error,
) {
  return new Promise<Answer>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    /** Set once the answer starts: from then on, failures and cancels belong to the body. */
    let body: UpstreamBody | undefined;
    /** Cancelled before the answer started (perhaps while the request waited in the pool's queue). */
    let cancelled: Error | undefined;
    // The listener goes once the promise is settled some other way (`release`), so it never comes
    // after a failure, and a signal fires once.
    const onAbort = () => {
      const reason = classify(signal?.reason);
      if (body !== undefined) body.destroy(reason);
      else {
        cancelled = reason;
        release();
        controller?.abort(reason);
        reject(reason);
      }
    };
    const release = () => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (cancelled !== undefined) started.abort(cancelled);
      },
      onResponseStart(started, statusCode, headers) {
        // 1xx informational answers come before the real one.
        if (statusCode < 200 || cancelled !== undefined) return;
        body = new UpstreamBody(started, release);
        resolve({ statusCode, headers, body });
      },
      onResponseData(_controller, chunk) {
        body?.receive(chunk);
      },
      onResponseEnd() {
        body?.finish();
      },
      onResponseError(_controller, error) {
        if (body !== undefined) {
          // Our own abort (the reader left, or the body was destroyed with an error) comes back
          // here too: the body already has its error.
          if (!body.destroyed) body.destroy(classify(error));
          return;
        }
        release();
        // After a cancel the promise is already rejected, and this is undici reporting our abort.
        if (cancelled === undefined) reject(classify(error));
      },
    };
    pool.dispatch(options, handler);
  });
}

export async function sendUpstream(options: SendUpstreamOptions): Promise<UpstreamResponse> {
  const { provider, signal } = options;
  if (signal?.aborted === true) throw classifyTransportError(provider, signal.reason, signal);
  let response: Answer;
  try {
    const { pool, path } = upstreamTarget(options.url, options.timeouts);
    response = await dispatch(
      pool,
      {
        method: options.method ?? "POST",
        path,
        headers: options.headers,
        // undici keeps the request body it is given until the answer is over. A string
        // body (a translated request: 40–80 KB of JSON) would stay on the JS heap that long and be
        // promoted by young-generation GCs during a stream (measured: ~78 KB promoted per Claude
        // Code → Chat stream); a Buffer's bytes live outside the heap. undici would convert it anyway.
        body: typeof options.body === "string" ? Buffer.from(options.body) : (options.body ?? null),
      },
      signal,
      (error) => classifyTransportError(provider, error, signal),
    );
  } catch (error) {
    // A throw before dispatch (an invalid URL); what `dispatch` rejects with is already classified.
    throw classifyTransportError(provider, error, signal);
  }
  const headers = flattenHeaders(response.headers);
  const { body } = response;
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers, body };
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
