import type { Readable } from "node:stream";

/** What a provider's `send` resolves with: the upstream's answer, its body still streaming. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as it arrives, chunk by chunk. */
  body: Readable;
  /** Response headers the gateway should pass to the client (e.g. Copilot's cost header). */
  exposeHeaders?: Record<string, string>;
  /** Time spent in the provider's own queue (Copilot pacing), for the usage record. */
  queue?: { waitedMs: number; queueDepth: number };
}

/** Default upstream timeouts in milliseconds. */
export interface UpstreamTimeouts {
  connectMs: number;
  /** Until the response headers (first byte). */
  firstByteMs: number;
  /** Between two chunks of a body. */
  idleMs: number;
}
