import { GatewayError } from "../../errors/gateway-error.js";
import type { FinishReason } from "../../ir/finish-reason.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { Usage } from "../../ir/usage.js";
import type { SseEvent } from "../../lib/sse.js";
import type { ChatChunk } from "../../protocols/openai-chat/types.js";
import { RepeatedEvent, type TextSlot } from "../shared/repeated-event.js";
import { decodeEvents } from "../shared/stream-adapters.js";
import type { StreamDecoder } from "../translator.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeStreamError } from "./decode-error.js";
import { decodeFinishReason } from "./map-finish-reason.js";
import { StreamBlocks } from "./stream-blocks.js";

/**
 * An upstream's Chat SSE → IR parts, ending with exactly one `finish` or `error`. The finish waits
 * for `[DONE]` (or the end of the stream) because the usage-only chunk comes after `finish_reason`.
 */
export function decodeStream(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  return decodeEvents(createStreamDecoder(), events);
}

type ParsedChunk = ChatChunk & { error?: unknown };

/** A chunk's text: the `content` of its only choice's delta. */
const contentSlot: TextSlot<ParsedChunk> = {
  key: "content",
  get: (chunk) => (chunk.choices?.length === 1 ? chunk.choices[0]?.delta?.content : undefined),
  with: (chunk, text) => {
    const choice = chunk.choices?.[0];
    return { ...chunk, choices: [{ ...choice, delta: { ...choice?.delta, content: text } }] } as ParsedChunk;
  },
};

export function createStreamDecoder(): StreamDecoder {
  return new ChatStreamDecoder();
}

class ChatStreamDecoder implements StreamDecoder {
  done = false;
  private readonly blocks = new StreamBlocks();
  private started = false;
  private finishReason: FinishReason | undefined;
  private usage: Usage | undefined;
  private readonly textChunks = new RepeatedEvent(contentSlot);

  push(event: SseEvent): StreamPart[] {
    if (this.done) return [];
    if (event.data.trim() === "[DONE]") return this.finish();
    let chunk = this.textChunks.read(event.data);
    if (chunk === undefined) {
      try {
        chunk = JSON.parse(event.data) as ParsedChunk;
      } catch {
        this.done = true;
        return [
          {
            type: "error",
            error: new GatewayError("upstream_error", "The upstream sent a stream event that is not JSON."),
          },
        ];
      }
      this.textChunks.learn(event.data, chunk);
    }
    if (chunk.error !== undefined) {
      this.done = true;
      return [{ type: "error", error: decodeStreamError(chunk.error) }];
    }
    const parts: StreamPart[] = [];
    if (!this.started) {
      this.started = true;
      const start: StreamPart = { type: "response-start", id: chunk.id ?? "", model: chunk.model ?? "" };
      if (typeof chunk.created === "number") start.created = chunk.created;
      parts.push(start);
    }
    if (chunk.usage) this.usage = decodeUsage(chunk.usage);
    // The gateway never asks for n > 1, so every choice belongs to the one answer: Copilot splits
    // a Claude turn's text and tool calls across choices.
    for (const choice of chunk.choices ?? []) {
      if (choice.delta) this.blocks.delta(choice.delta, parts);
      if (choice.finish_reason) {
        if (this.finishReason?.unified !== "tool-calls") this.finishReason = decodeFinishReason(choice.finish_reason);
        this.blocks.endAll(parts);
      }
    }
    return parts;
  }

  end(): StreamPart[] {
    if (this.done) return [];
    if (this.finishReason === undefined) {
      this.done = true;
      return [
        {
          type: "error",
          error: new GatewayError("upstream_error", "The upstream stream ended before the response was complete."),
        },
      ];
    }
    return this.finish();
  }

  /** A broken upstream read says nothing Chat-specific: the gateway reports it. */
  fail(error: unknown): StreamPart[] {
    throw error;
  }

  /** `[DONE]`, or the end of a stream that sent its `finish_reason`. */
  private finish(): StreamPart[] {
    this.done = true;
    const parts: StreamPart[] = [];
    this.blocks.endAll(parts);
    parts.push({
      type: "finish",
      reason: this.finishReason ?? { unified: "other" },
      usage: this.usage ?? { inputTokens: 0, outputTokens: 0 },
    });
    return parts;
  }
}
