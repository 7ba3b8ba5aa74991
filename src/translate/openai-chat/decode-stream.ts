import { GatewayError } from "../../errors/gateway-error.js";
import type { FinishReason } from "../../ir/finish-reason.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { Usage } from "../../ir/usage.js";
import type { SseEvent } from "../../lib/sse.js";
import type { ChatChunk } from "../../protocols/openai-chat/types.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeStreamError } from "./decode-error.js";
import { decodeFinishReason } from "./map-finish-reason.js";
import { StreamBlocks } from "./stream-blocks.js";

/**
 * An upstream's Chat SSE → IR parts, ending with exactly one `finish` or `error`. The finish waits
 * for `[DONE]` (or the end of the stream) because the usage-only chunk comes after `finish_reason`.
 */
export async function* decodeStream(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  const blocks = new StreamBlocks();
  let started = false;
  let done = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  for await (const event of events) {
    if (event.data.trim() === "[DONE]") {
      done = true;
      break;
    }
    let chunk: ChatChunk & { error?: unknown };
    try {
      chunk = JSON.parse(event.data) as ChatChunk & { error?: unknown };
    } catch {
      yield {
        type: "error",
        error: new GatewayError("upstream_error", "The upstream sent a stream event that is not JSON."),
      };
      return;
    }
    if (chunk.error !== undefined) {
      yield { type: "error", error: decodeStreamError(chunk.error) };
      return;
    }
    if (!started) {
      started = true;
      const start: StreamPart = { type: "response-start", id: chunk.id ?? "", model: chunk.model ?? "" };
      if (typeof chunk.created === "number") start.created = chunk.created;
      yield start;
    }
    if (chunk.usage) usage = decodeUsage(chunk.usage);
    // The gateway never asks for n > 1, so every choice belongs to the one answer: Copilot splits
    // a Claude turn's text and tool calls across choices.
    for (const choice of chunk.choices ?? []) {
      if (choice.delta) yield* blocks.delta(choice.delta);
      if (choice.finish_reason) {
        if (finishReason?.unified !== "tool-calls") finishReason = decodeFinishReason(choice.finish_reason);
        yield* blocks.endAll();
      }
    }
  }
  if (finishReason === undefined && !done) {
    yield {
      type: "error",
      error: new GatewayError("upstream_error", "The upstream stream ended before the response was complete."),
    };
    return;
  }
  yield* blocks.endAll();
  yield {
    type: "finish",
    reason: finishReason ?? { unified: "other" },
    usage: usage ?? { inputTokens: 0, outputTokens: 0 },
  };
}
