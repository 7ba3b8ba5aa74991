import { GatewayError } from "../../errors/gateway-error.js";
import type { SseEvent } from "../../lib/sse.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { StreamEvent } from "../../protocols/openai-responses/types.js";
import { decodeEvents } from "../shared/stream-adapters.js";
import type { StreamDecoder } from "../translator.js";
import { decodeStreamEvent } from "./decode-stream-event.js";
import { DecodeStreamState } from "./decode-stream-state.js";

/**
 * Upstream Responses SSE → IR parts. Always ends with exactly one `finish` or `error`: a stream
 * cut before `response.completed` / `.incomplete` / `.failed` ends with an `upstream_error`.
 */
export function decodeStream(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  return decodeEvents(createStreamDecoder(), events);
}

export function createStreamDecoder(): StreamDecoder {
  return new ResponsesStreamDecoder();
}

/** Whatever goes wrong, the blocks still open are closed before the error, so the client's items are whole. */
class ResponsesStreamDecoder implements StreamDecoder {
  done = false;
  private readonly state = new DecodeStreamState();

  push(event: SseEvent): StreamPart[] {
    if (this.done || event.data === "[DONE]") return [];
    let parsed: StreamEvent;
    try {
      parsed = JSON.parse(event.data) as StreamEvent;
    } catch {
      return this.close(
        new GatewayError("upstream_error", "The upstream sent an event that is not JSON.", {
          upstream: { provider: "openai-responses", bodyExcerpt: event.data.slice(0, 200) },
        }),
      );
    }
    try {
      if (typeof parsed.type !== "string" && event.event !== undefined) parsed.type = event.event;
      const result = decodeStreamEvent(parsed, this.state);
      if (result.terminal) this.done = true;
      return result.parts;
    } catch (error) {
      // An event of a shape we did not expect (`null`, a number, …) breaks the stream like a broken read.
      return this.fail(error);
    }
  }

  end(): StreamPart[] {
    if (this.done) return [];
    return this.close(
      new GatewayError("upstream_error", "The upstream stream ended before the response was complete."),
    );
  }

  fail(error: unknown): StreamPart[] {
    if (this.done) return [];
    return this.close(
      error instanceof GatewayError
        ? error
        : new GatewayError("upstream_error", "The upstream stream failed.", { cause: error }),
    );
  }

  private close(error: GatewayError): StreamPart[] {
    this.done = true;
    return [...this.state.closeAll(), { type: "error", error }];
  }
}
