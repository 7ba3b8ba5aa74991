import type { Request } from "../ir/request.js";
import type { Response, ResponseOutcome } from "../ir/response.js";
import type { StreamPart } from "../ir/stream-part.js";
import type { Warning } from "../ir/warning.js";
import type { WireApi } from "../protocols/wire-api.js";
import type { SseEvent } from "../lib/sse.js";

export interface EncodeRequestOptions {
  /** The upstream's model id to put in the body. */
  model: string;
  /** The route's `prompt_cache`: `auto` (the default) lets an encoder add the upstream's cache hints. */
  promptCache?: "auto" | "off";
}

export interface EncodeResponseOptions {
  /** The model name to show the client (what it asked for). */
  model: string;
  /**
   * Chat only: the client's `stream_options.include_usage` (IR `includeUsage`). Encoders of a
   * Chat stream write the final usage-only chunk only when true; other protocols ignore it.
   */
  includeUsage?: boolean;
}

export interface EncodedRequest {
  body: Record<string, unknown>;
  warnings: Warning[];
}

export interface DecodedRequest {
  request: Request;
  warnings: Warning[];
}

/**
 * The synchronous core of a stream decoder: upstream SSE events in, IR parts out, one event at a
 * time. The stream's parts end with exactly one `finish` or `error`, after which `done` is true
 * and further input is ignored. The arrays returned are the caller's to read, not to change.
 */
export interface StreamDecoder {
  /** The parts one upstream event makes (often none). */
  push(event: SseEvent): readonly StreamPart[];
  /** The upstream's events have ended: the parts that closes the stream with (nothing once `done`). */
  end(): readonly StreamPart[];
  /**
   * Reading the upstream failed: the parts that report it in this protocol's terms, ending the
   * stream. Decoders whose protocol has nothing of its own to say throw `error` again, and the
   * caller reports it.
   */
  fail(error: unknown): readonly StreamPart[];
  readonly done: boolean;
}

/**
 * The synchronous core of a stream encoder: IR parts in, already-framed client SSE text out. It is
 * `done` after the `finish` or `error` part; further parts are ignored.
 */
export interface StreamEncoder {
  /** The framed events one part makes, concatenated ("" when none). */
  push(part: StreamPart): string;
  /** The parts have ended without `finish` or `error`: what closes the client's stream ("" when nothing). */
  end(): string;
  readonly done: boolean;
}

/**
 * decode = wire → IR, encode = IR → wire, for one API. Each `translate/<api>/index.ts` exports
 * one of these as `translator`. Streams are async iterables so that a slow upstream's first
 * chunk reaches the client before the upstream has finished; the gateway drives the synchronous
 * cores (`createStreamDecoder`, `createStreamEncoder`) directly, one pass per upstream read, and
 * the async forms are thin wrappers of the same cores.
 */
export interface Translator {
  api: WireApi;
  /** Takes a request already validated by the protocol's `parseRequest`. */
  decodeRequest(body: Record<string, unknown>): DecodedRequest;
  encodeRequest(request: Request, options: EncodeRequestOptions): EncodedRequest;
  decodeResponse(body: unknown): Response;
  /** The usage and finish reason `decodeResponse` would give, without decoding the content (passthrough's usage record). */
  decodeOutcome(body: unknown): ResponseOutcome;
  encodeResponse(response: Response, options: EncodeResponseOptions): Record<string, unknown>;
  /** Upstream SSE events → IR parts. Ends with one `finish` or `error` part, even when the upstream stream is cut. */
  decodeStream(events: AsyncIterable<SseEvent>): AsyncIterable<StreamPart>;
  createStreamDecoder(): StreamDecoder;
  /**
   * Names the client-only request features this protocol's decoder kept in the request's
   * extensions (for example `context_management`, `reasoning.context`), for the warning the
   * gateway gives when the upstream speaks another API. Fields that only steer the vendor's own
   * service (storage, cache keys, client metadata) are left out: dropping them changes nothing.
   * Without this method, the keys of the protocol's own request extensions are the names.
   */
  untranslatedFeatures?(request: Request): string[];
  /** IR parts → SSE text, one string per event (already framed, ready to write). */
  encodeStream(parts: AsyncIterable<StreamPart>, options: EncodeResponseOptions): AsyncIterable<string>;
  createStreamEncoder(options: EncodeResponseOptions): StreamEncoder;
}
