import type { IncomingHttpHeaders } from "node:http";
import type { FakePromptCache } from "./fake-prompt-cache.js";

/** Which vendor API a call reached. */
export type FakeApi =
  | "openai-chat"
  | "openai-responses"
  | "anthropic-messages"
  | "anthropic-count-tokens"
  | "openai-models"
  | "anthropic-models"
  | "openai-embeddings";

/** One request the fake received, after its checks passed or failed. */
export interface RecordedCall {
  api: FakeApi;
  /** The path with its query string, e.g. `/v1/messages?beta=true`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for GET or a body that is not JSON. */
  body: unknown;
  /** The body exactly as received, to compare bytes (a passthrough must not re-encode). */
  rawBody?: string;
  /** When the request arrived (`Date.now()`), to check waits such as `retry-after`. */
  receivedAt?: number;
}

export interface FakeToolCall {
  id?: string;
  name: string;
  /** An object for function tools (JSON-encoded on the wire); a string for custom (freeform) tools. */
  arguments: unknown;
  kind?: "function" | "custom";
}

/** Same convention as the IR: `inputTokens` counts cached tokens too, `outputTokens` includes reasoning. */
export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export type FakeStopReason = "stop" | "length" | "tool-calls" | "content-filter" | "refusal";

export interface FakeError {
  status: number;
  /** Sent as JSON when an object, as is when a string; a vendor-shaped body is made when absent. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A vendor-neutral answer; the fake renders it in whichever API was called, streamed or not.
 * `fault` simulates network trouble: `reset` closes the socket before any answer,
 * `hang-before-headers` never answers, `hang-before-first-chunk` sends the 200 headers of a stream
 * and then nothing, `hang-mid-stream` sends part of the body and then stalls.
 */
export interface FakeReply {
  text?: string;
  reasoning?: { text: string; signature?: string };
  toolCalls?: FakeToolCall[];
  usage?: FakeUsage;
  stopReason?: FakeStopReason;
  error?: FakeError;
  /** Wait before the response headers. */
  delayMs?: number;
  /** Wait between streamed events. */
  chunkDelayMs?: number;
  fault?: "reset" | "hang-before-headers" | "hang-before-first-chunk" | "hang-mid-stream";
  /** SSE frames sent as they are, with a 200 and stream headers, instead of a rendered answer. */
  rawStream?: string[];
  /** A stream sends its first half, waits for this promise, then sends the rest (a stream held open). */
  pauseMidStream?: Promise<unknown>;
  /** `/v1/embeddings`: the vectors for the inputs, in order (an input without one gets the text-derived vector). */
  embeddings?: number[][];
}

export type FakeScript = (call: RecordedCall) => FakeReply | Promise<FakeReply>;

export interface FakeUpstreamOptions {
  /** The key every request must carry (`Authorization: Bearer` or `x-api-key`); default `test-key`. */
  apiKey?: string;
  script?: FakeScript;
  /**
   * Model ids listed by `GET /v1/models`; `false` answers that route 404, as servers and company
   * gateways that do not list their models do.
   */
  models?: string[] | false;
  /** Anthropic's prompt cache: Messages usage is then what this cache reads and writes, not the reply's. */
  promptCache?: FakePromptCache;
}

export interface FakeUpstream {
  /** The origin, e.g. `http://127.0.0.1:PORT` (append `/v1` for an OpenAI base URL). */
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}
