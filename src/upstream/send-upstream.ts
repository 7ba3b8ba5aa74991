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

function ignoreError(): void {}

/**
 * The body of a 2xx answer. It relays undici's body with backpressure, turning its stream errors
 * (idle timeout, reset) into `GatewayError`s. Destroying it destroys the upstream body at once,
 * which closes the socket: a reader that goes away must not keep the upstream generating.
 *
 * It also tells when the first chunk is in (`takeFirstChunk`), which a streamed answer waits for
 * before it counts as started. The relay sees every chunk anyway, so the attempt needs no reader
 * of its own: the chunk stays in the body for the stream's reader.
 */
export class UpstreamBody extends Readable {
  /** The first chunk or the end has come (or the body failed first). */
  private started = false;
  /**
   * The first chunk (`null`: the body ended empty) until `takeFirstChunk` hands it over. Not kept
   * after: a chunk is a view of the socket's read buffer, tens of KB that would stay alive with
   * the body (measured, Claude Code streams at 64 clients: peak RSS 221–225 MB in half the runs
   * while every body held its first chunk, 171–182 MB in every run since).
   */
  private held: Buffer | null | undefined;
  private taken = false;
  private failure: Error | undefined;
  private waiting: { resolve: (chunk: Buffer | null) => void; reject: (error: Error) => void } | undefined;

  constructor(
    provider: string,
    private readonly upstream: Readable,
    signal: AbortSignal | undefined,
  ) {
    super();
    upstream.on("data", (chunk: Buffer) => {
      if (!this.started) this.settleFirst(chunk);
      if (!this.push(chunk)) upstream.pause();
    });
    upstream.on("end", () => {
      if (!this.started) this.settleFirst(null);
      this.push(null);
    });
    upstream.on("error", (error) => this.destroy(classifyTransportError(provider, error, signal)));
    // Until a reader comes, nobody listens for `error`: a failure before the first chunk reaches
    // the attempt through `takeFirstChunk`, and must not also be an unhandled error event.
    this.on("error", ignoreError);
  }

  /**
   * Resolves once the first chunk is in (it stays in the body for its reader too), or `null` when
   * the body ended empty; rejects when it failed first. For one caller: the attempt.
   */
  takeFirstChunk(): Promise<Buffer | null> {
    if (this.taken) throw new Error("the first chunk of an upstream body is taken once");
    this.taken = true;
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.started) {
      const chunk = this.held ?? null;
      this.held = undefined;
      return Promise.resolve(chunk);
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  override _read(): void {
    this.upstream.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.upstream.destroy();
    this.held = undefined;
    if (!this.started) {
      // Destroyed before anything came: with an error, that is the stream's failure; without
      // one (the reader left), the body is as good as empty.
      if (error === null) this.settleFirst(null);
      else {
        this.started = true;
        this.failure = error;
        this.waiting?.reject(error);
        this.waiting = undefined;
      }
    }
    callback(error);
  }

  private settleFirst(chunk: Buffer | null): void {
    this.started = true;
    // Nobody waiting yet: kept for `takeFirstChunk` (which, once called, waits until now).
    if (this.waiting === undefined) {
      this.held = chunk;
      return;
    }
    this.waiting.resolve(chunk);
    this.waiting = undefined;
  }
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
    return { status: response.statusCode, headers, body: new UpstreamBody(provider, response.body, signal) };
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
