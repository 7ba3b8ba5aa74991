import { GatewayError } from "../../errors/gateway-error.js";
import type { SseEvent } from "../../lib/sse.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { StreamEvent } from "../../protocols/openai-responses/types.js";
import { decodeStreamEvent } from "./decode-stream-event.js";
import { DecodeStreamState } from "./decode-stream-state.js";

/**
 * Upstream Responses SSE → IR parts. Always ends with exactly one `finish` or `error`: a stream
 * cut before `response.completed` / `.incomplete` / `.failed` ends with an `upstream_error`.
 */
export async function* decodeStream(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  const state = new DecodeStreamState();
  try {
    for await (const event of events) {
      if (event.data === "[DONE]") continue;
      let parsed: StreamEvent;
      try {
        parsed = JSON.parse(event.data) as StreamEvent;
      } catch {
        yield* state.closeAll();
        yield {
          type: "error",
          error: new GatewayError("upstream_error", "The upstream sent an event that is not JSON.", {
            upstream: { provider: "openai-responses", bodyExcerpt: event.data.slice(0, 200) },
          }),
        };
        return;
      }
      if (typeof parsed.type !== "string" && event.event !== undefined) parsed.type = event.event;
      const result = decodeStreamEvent(parsed, state);
      yield* result.parts;
      if (result.terminal) return;
    }
  } catch (error) {
    yield* state.closeAll();
    yield {
      type: "error",
      error:
        error instanceof GatewayError
          ? error
          : new GatewayError("upstream_error", "The upstream stream failed.", { cause: error }),
    };
    return;
  }
  yield* state.closeAll();
  yield {
    type: "error",
    error: new GatewayError("upstream_error", "The upstream stream ended before the response was complete."),
  };
}
