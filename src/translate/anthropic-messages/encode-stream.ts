import { randomId } from "../../lib/random-id.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { formatSse } from "../../lib/sse.js";
import { renderStreamError } from "../../protocols/anthropic-messages/errors.js";
import type { ResponseContentBlock, StreamEvent } from "../../protocols/anthropic-messages/types.js";
import { encodeFrames, toStreamEncoder, type FrameEncoder } from "../shared/stream-adapters.js";
import type { EncodeResponseOptions, StreamEncoder } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { packOpenAiReasoning } from "./foreign-reasoning.js";
import { encodeStopReason } from "./map-stop-reason.js";

const frame = (event: StreamEvent): string => formatSse(event.type, JSON.stringify(event));

/**
 * IR parts → the Anthropic event sequence: message_start, then per block content_block_start /
 * _delta / _stop with increasing indexes, then message_delta (stop reason, usage) and message_stop.
 */
export function encodeStream(parts: AsyncIterable<StreamPart>, options: EncodeResponseOptions): AsyncGenerator<string> {
  return encodeFrames(() => new EncoderState(options.model), parts);
}

export function createStreamEncoder(options: EncodeResponseOptions): StreamEncoder {
  return toStreamEncoder(new EncoderState(options.model));
}

class EncoderState implements FrameEncoder {
  done = false;
  private started = false;
  private nextIndex = 0;
  /** IR block id → wire index, for blocks whose content_block_start was sent. */
  private readonly open = new Map<string, number>();
  /** Reasoning blocks not yet started: Anthropic names `redacted_thinking` at the start, the IR only at the end. */
  private readonly pendingReasoning = new Set<string>();

  constructor(private readonly model: string) {}

  write(part: StreamPart): string[] {
    const frames: string[] = [];
    this.encode(part, frames);
    return frames;
  }

  end(): string[] {
    return this.write({ type: "error", error: new GatewayError("upstream_error", "The answer ended unexpectedly.") });
  }

  private encode(part: StreamPart, out: string[]): void {
    if (part.type === "error") {
      this.done = true;
      out.push(renderStreamError(part.error));
      return;
    }
    if (!this.started) this.messageStart(part.type === "response-start" ? part : undefined, out);
    switch (part.type) {
      case "text-start":
        return this.startBlock(part.id, { type: "text", text: "", citations: null }, out);
      case "text-delta":
        if (!this.open.has(part.id)) this.startBlock(part.id, { type: "text", text: "", citations: null }, out);
        return this.delta(part.id, { type: "text_delta", text: part.delta }, out);
      case "reasoning-start":
        this.pendingReasoning.add(part.id);
        return;
      case "reasoning-delta":
        this.startPendingThinking(part.id, out);
        return this.delta(part.id, { type: "thinking_delta", thinking: part.delta }, out);
      case "reasoning-end":
        if (part.redactedData !== undefined && this.pendingReasoning.delete(part.id)) {
          this.startBlock(part.id, { type: "redacted_thinking", data: part.redactedData }, out);
        } else {
          this.startPendingThinking(part.id, out);
          const signature =
            part.signature ?? packOpenAiReasoning({ encryptedContent: part.encryptedContent, id: part.itemId });
          if (signature !== undefined) this.delta(part.id, { type: "signature_delta", signature }, out);
        }
        return this.stopBlock(part.id, out);
      case "tool-input-start":
        return this.startBlock(part.id, { type: "tool_use", id: part.callId, name: part.name, input: {} }, out);
      case "tool-input-delta":
        return this.delta(part.id, { type: "input_json_delta", partial_json: part.delta }, out);
      case "text-end":
      case "tool-input-end":
        return this.stopBlock(part.id, out);
      case "finish":
        for (const id of [...this.open.keys()]) this.stopBlock(id, out);
        this.done = true;
        out.push(
          frame({
            type: "message_delta",
            delta: { stop_reason: encodeStopReason(part.reason), stop_sequence: part.reason.stopSequence ?? null },
            usage: encodeUsage(part.usage),
          }),
          frame({ type: "message_stop" }),
        );
        return;
    }
  }

  private messageStart(start: Extract<StreamPart, { type: "response-start" }> | undefined, out: string[]): void {
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
    out.push(frame({ type: "message_start", message }));
  }

  private startPendingThinking(id: string, out: string[]): void {
    if (this.pendingReasoning.delete(id)) this.startBlock(id, { type: "thinking", thinking: "", signature: "" }, out);
  }

  private startBlock(id: string, block: ResponseContentBlock, out: string[]): void {
    const index = this.nextIndex++;
    this.open.set(id, index);
    out.push(frame({ type: "content_block_start", index, content_block: block }));
  }

  private delta(
    id: string,
    delta: Extract<StreamEvent, { type: "content_block_delta" }>["delta"],
    out: string[],
  ): void {
    const index = this.open.get(id);
    if (index === undefined) return;
    if (delta.type === "text_delta") {
      // The commonest event of all, written out directly: the same bytes as `frame` would give.
      const data = `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(delta.text)}}}`;
      out.push(formatSse("content_block_delta", data));
      return;
    }
    out.push(frame({ type: "content_block_delta", index, delta }));
  }

  private stopBlock(id: string, out: string[]): void {
    const index = this.open.get(id);
    if (index === undefined) return;
    this.open.delete(id);
    out.push(frame({ type: "content_block_stop", index }));
  }
}
