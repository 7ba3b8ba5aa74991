import { randomId } from "../../lib/random-id.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { formatSse } from "../../lib/sse.js";
import { renderStreamError } from "../../protocols/anthropic-messages/errors.js";
import type { ResponseContentBlock, StreamEvent } from "../../protocols/anthropic-messages/types.js";
import type { EncodeResponseOptions } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { packOpenAiReasoning } from "./foreign-reasoning.js";
import { encodeStopReason } from "./map-stop-reason.js";

const frame = (event: StreamEvent): string => formatSse(event.type, JSON.stringify(event));

/**
 * IR parts → the Anthropic event sequence: message_start, then per block content_block_start /
 * _delta / _stop with increasing indexes, then message_delta (stop reason, usage) and message_stop.
 */
export async function* encodeStream(
  parts: AsyncIterable<StreamPart>,
  options: EncodeResponseOptions,
): AsyncGenerator<string> {
  const state = new EncoderState(options.model);
  for await (const part of parts) {
    yield* state.encode(part);
    if (state.done) return;
  }
  yield* state.encode({ type: "error", error: new GatewayError("upstream_error", "The answer ended unexpectedly.") });
}

class EncoderState {
  done = false;
  private started = false;
  private nextIndex = 0;
  /** IR block id → wire index, for blocks whose content_block_start was sent. */
  private readonly open = new Map<string, number>();
  /** Reasoning blocks not yet started: Anthropic names `redacted_thinking` at the start, the IR only at the end. */
  private readonly pendingReasoning = new Set<string>();

  constructor(private readonly model: string) {}

  *encode(part: StreamPart): Generator<string> {
    if (part.type === "error") {
      this.done = true;
      yield renderStreamError(part.error);
      return;
    }
    if (!this.started) yield* this.messageStart(part.type === "response-start" ? part : undefined);
    switch (part.type) {
      case "text-start":
        return yield* this.startBlock(part.id, { type: "text", text: "", citations: null });
      case "text-delta":
        if (!this.open.has(part.id)) yield* this.startBlock(part.id, { type: "text", text: "", citations: null });
        return yield* this.delta(part.id, { type: "text_delta", text: part.delta });
      case "reasoning-start":
        this.pendingReasoning.add(part.id);
        return;
      case "reasoning-delta":
        yield* this.startPendingThinking(part.id);
        return yield* this.delta(part.id, { type: "thinking_delta", thinking: part.delta });
      case "reasoning-end":
        if (part.redactedData !== undefined && this.pendingReasoning.delete(part.id)) {
          yield* this.startBlock(part.id, { type: "redacted_thinking", data: part.redactedData });
        } else {
          yield* this.startPendingThinking(part.id);
          const signature =
            part.signature ?? packOpenAiReasoning({ encryptedContent: part.encryptedContent, id: part.itemId });
          if (signature !== undefined) yield* this.delta(part.id, { type: "signature_delta", signature });
        }
        return yield* this.stopBlock(part.id);
      case "tool-input-start":
        return yield* this.startBlock(part.id, { type: "tool_use", id: part.callId, name: part.name, input: {} });
      case "tool-input-delta":
        return yield* this.delta(part.id, { type: "input_json_delta", partial_json: part.delta });
      case "text-end":
      case "tool-input-end":
        return yield* this.stopBlock(part.id);
      case "finish":
        for (const id of [...this.open.keys()]) yield* this.stopBlock(id);
        this.done = true;
        yield frame({
          type: "message_delta",
          delta: { stop_reason: encodeStopReason(part.reason), stop_sequence: part.reason.stopSequence ?? null },
          usage: encodeUsage(part.usage),
        });
        yield frame({ type: "message_stop" });
        return;
    }
  }

  private *messageStart(start: Extract<StreamPart, { type: "response-start" }> | undefined): Generator<string> {
    this.started = true;
    const message = {
      id: start?.id ?? randomId("msg_"),
      type: "message" as const,
      role: "assistant" as const,
      model: this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: encodeUsage(start?.usage ?? {}),
    };
    yield frame({ type: "message_start", message });
  }

  private *startPendingThinking(id: string): Generator<string> {
    if (this.pendingReasoning.delete(id)) yield* this.startBlock(id, { type: "thinking", thinking: "", signature: "" });
  }

  private *startBlock(id: string, block: ResponseContentBlock): Generator<string> {
    const index = this.nextIndex++;
    this.open.set(id, index);
    yield frame({ type: "content_block_start", index, content_block: block });
  }

  private *delta(id: string, delta: Extract<StreamEvent, { type: "content_block_delta" }>["delta"]): Generator<string> {
    const index = this.open.get(id);
    if (index !== undefined) yield frame({ type: "content_block_delta", index, delta });
  }

  private *stopBlock(id: string): Generator<string> {
    const index = this.open.get(id);
    if (index === undefined) return;
    this.open.delete(id);
    yield frame({ type: "content_block_stop", index });
  }
}
