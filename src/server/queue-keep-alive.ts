import type { ServerResponse } from "node:http";
import { formatSse } from "../lib/sse.js";
import type { GatewayReply } from "../gateway/gateway-types.js";
import { protocols } from "../protocols/registry.js";
import type { WireApi } from "../protocols/wire-api.js";

/** Anthropic's own keep-alive event; OpenAI's streams have none, and every SSE reader skips a comment line. */
const pings: Record<WireApi, string> = {
  "anthropic-messages": formatSse("ping", JSON.stringify({ type: "ping" })),
  "openai-chat": ": keep-alive\n\n",
  "openai-responses": ": keep-alive\n\n",
};

export interface KeepAliveTiming {
  /** A wait shorter than this sends nothing: the answer, even a 429, keeps its own status. */
  graceMs: number;
  intervalMs: number;
}

export const defaultKeepAliveTiming: KeepAliveTiming = { graceMs: 5_000, intervalMs: 5_000 };

/**
 * Keeps a streamed request's connection alive while a provider's queue holds it (Copilot pacing):
 * after `graceMs` of waiting the stream's 200 and headers go out, then a ping in the client's own
 * protocol every `intervalMs`, so that no idle timeout between the client and us closes it. Once
 * begun, the answer continues that stream: a stream's events follow, a failure (the queue's 429
 * past `max_queue_wait_s`, say) becomes the protocol's in-stream error event.
 */
export class QueueKeepAlive {
  private graceTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private begun = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly api: WireApi,
    private readonly timing: KeepAliveTiming = defaultKeepAliveTiming,
  ) {}

  /** The request waits in a queue (may be called more than once). */
  readonly waiting = (): void => {
    if (this.begun || this.graceTimer !== undefined) return;
    this.graceTimer = setTimeout(() => this.begin(), this.timing.graceMs);
  };

  private begin(): void {
    this.graceTimer = undefined;
    if (this.response.headersSent || this.response.destroyed) return;
    this.begun = true;
    this.response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      "x-switchboard-queued": "true",
    });
    this.response.write(pings[this.api]);
    this.pingTimer = setInterval(() => {
      if (!this.response.destroyed) this.response.write(pings[this.api]);
    }, this.timing.intervalMs);
  }

  /** The answer is here: no more pings. True when the stream has begun and the answer must follow in it. */
  settle(): boolean {
    clearTimeout(this.graceTimer);
    clearInterval(this.pingTimer);
    this.graceTimer = undefined;
    return this.begun;
  }

  /** A failure after the stream began: the protocol's in-stream error, then the end. */
  endWithError(answer: GatewayReply): void {
    if (this.response.destroyed) return;
    if (answer.error !== undefined) this.response.write(protocols[this.api].renderStreamError(answer.error));
    this.response.end();
  }
}
