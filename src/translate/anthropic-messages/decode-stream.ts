import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { SseEvent } from "../../lib/sse.js";
import { RepeatedEvent, type TextSlot } from "../shared/repeated-event.js";
import { decodeEvents } from "../shared/stream-adapters.js";
import type { StreamDecoder } from "../translator.js";
import { codeForErrorType } from "../../protocols/anthropic-messages/errors.js";
import type {
  ContentBlockDelta,
  ResponseContentBlock,
  StreamEvent,
  Usage,
} from "../../protocols/anthropic-messages/types.js";
import { completeUsage, decodeUsage } from "./convert-usage.js";
import { decodeStopReason } from "./map-stop-reason.js";

interface OpenBlock {
  kind: "text" | "reasoning" | "tool";
  signature?: string;
  redactedData?: string;
}

/**
 * Anthropic SSE → IR parts. Block ids are the wire `index` as text. Blocks the IR cannot hold
 * (server tool use and results) are skipped whole. Ends with exactly one `finish` or `error`.
 */
export function decodeStream(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  return decodeEvents(createStreamDecoder(), events);
}

/** A text delta's text (thinking and tool input deltas are parsed in full). */
const textDeltaSlot: TextSlot<StreamEvent> = {
  key: "text",
  // `delta` read with care: a malformed event must reach the decoder's own handling, not throw here.
  get: (event) =>
    event.type === "content_block_delta" && (event.delta as ContentBlockDelta | undefined)?.type === "text_delta"
      ? (event.delta as { text?: unknown }).text
      : undefined,
  with: (event, text) => ({ ...event, delta: { ...(event as { delta: object }).delta, text } }) as StreamEvent,
};

export function createStreamDecoder(): StreamDecoder {
  return new MessagesStreamDecoder();
}

class MessagesStreamDecoder implements StreamDecoder {
  done = false;
  private readonly blocks = new Map<number, OpenBlock>();
  private usage: Partial<Usage> = {};
  private stopReason: string | null = null;
  private stopSequence: string | null = null;
  private readonly textDeltas = new RepeatedEvent(textDeltaSlot);

  push(event: SseEvent): StreamPart[] {
    if (this.done) return [];
    let data = this.textDeltas.read(event.data);
    if (data === undefined) {
      data = parseEvent(event);
      if (data === undefined) return [];
      this.textDeltas.learn(event.data, data);
    }
    const parts: StreamPart[] = [];
    switch (data.type) {
      case "message_start":
        this.usage = { ...data.message.usage };
        parts.push({
          type: "response-start",
          id: data.message.id,
          model: data.message.model,
          usage: decodeUsage(this.usage),
        });
        break;
      case "content_block_start":
        startBlock(data.index, data.content_block, this.blocks, parts);
        break;
      case "content_block_delta":
        blockDelta(data.index, data.delta, this.blocks, parts);
        break;
      case "content_block_stop":
        stopBlock(data.index, this.blocks, parts);
        break;
      case "message_delta":
        this.stopReason = data.delta.stop_reason ?? this.stopReason;
        this.stopSequence = data.delta.stop_sequence ?? this.stopSequence;
        // Delta usage is cumulative; fields it leaves out (or null) keep their message_start value.
        for (const [key, value] of Object.entries(data.usage ?? {})) if (value != null) this.usage[key] = value;
        break;
      case "message_stop":
        this.done = true;
        parts.push({
          type: "finish",
          reason: decodeStopReason(this.stopReason, this.stopSequence),
          usage: completeUsage(decodeUsage(this.usage)),
        });
        break;
      case "error":
        this.done = true;
        parts.push({ type: "error", error: streamError(data.error?.type, data.error?.message) });
        break;
    }
    return parts;
  }

  end(): StreamPart[] {
    if (this.done) return [];
    this.done = true;
    return [
      { type: "error", error: new GatewayError("upstream_error", "The upstream stream ended before message_stop.") },
    ];
  }

  /** A broken upstream read says nothing Anthropic-specific: the gateway reports it. */
  fail(error: unknown): StreamPart[] {
    throw error;
  }
}

function parseEvent(event: SseEvent): StreamEvent | undefined {
  try {
    const data = JSON.parse(event.data) as StreamEvent;
    return typeof data === "object" && data !== null ? data : undefined;
  } catch {
    // A line we cannot read is skipped; a stream that is really broken ends without message_stop and is reported then.
    return undefined;
  }
}

/** The decoder knows the protocol, not which provider answered; the gateway may name the provider when it logs. */
function streamError(type: string | undefined, message: string | undefined): GatewayError {
  return new GatewayError(codeForErrorType(type), message ?? "The upstream reported an error.", {
    upstream: { provider: "anthropic-messages", ...(type === undefined ? {} : { type }) },
  });
}

function startBlock(
  index: number,
  block: ResponseContentBlock,
  blocks: Map<number, OpenBlock>,
  parts: StreamPart[],
): void {
  const id = String(index);
  if (block.type === "text") {
    blocks.set(index, { kind: "text" });
    parts.push({ type: "text-start", id });
    if (typeof block.text === "string" && block.text !== "") parts.push({ type: "text-delta", id, delta: block.text });
  } else if (block.type === "thinking" || block.type === "redacted_thinking") {
    const open: OpenBlock = { kind: "reasoning" };
    const { thinking, signature, data } = block as { thinking?: unknown; signature?: unknown; data?: unknown };
    if (typeof data === "string") open.redactedData = data;
    else if (typeof signature === "string" && signature !== "") open.signature = signature;
    blocks.set(index, open);
    parts.push({ type: "reasoning-start", id });
    if (typeof thinking === "string" && thinking !== "") parts.push({ type: "reasoning-delta", id, delta: thinking });
  } else if (block.type === "tool_use") {
    blocks.set(index, { kind: "tool" });
    parts.push({ type: "tool-input-start", id, callId: String(block.id), name: String(block.name), kind: "function" });
    const input = block.input;
    if (typeof input === "object" && input !== null && Object.keys(input).length > 0) {
      parts.push({ type: "tool-input-delta", id, delta: JSON.stringify(input) });
    }
  }
}

function blockDelta(
  index: number,
  delta: ContentBlockDelta,
  blocks: Map<number, OpenBlock>,
  parts: StreamPart[],
): void {
  const open = blocks.get(index);
  const id = String(index);
  if (open === undefined) return;
  if (delta.type === "text_delta" && open.kind === "text") parts.push({ type: "text-delta", id, delta: delta.text });
  else if (delta.type === "thinking_delta" && open.kind === "reasoning")
    parts.push({ type: "reasoning-delta", id, delta: delta.thinking });
  else if (delta.type === "signature_delta" && open.kind === "reasoning")
    open.signature = (open.signature ?? "") + delta.signature;
  else if (delta.type === "input_json_delta" && open.kind === "tool" && delta.partial_json !== "") {
    parts.push({ type: "tool-input-delta", id, delta: delta.partial_json });
  }
}

function stopBlock(index: number, blocks: Map<number, OpenBlock>, parts: StreamPart[]): void {
  const open = blocks.get(index);
  if (open === undefined) return;
  blocks.delete(index);
  const id = String(index);
  if (open.kind === "text") parts.push({ type: "text-end", id });
  else if (open.kind === "tool") parts.push({ type: "tool-input-end", id });
  else {
    const end: StreamPart = { type: "reasoning-end", id };
    if (open.signature !== undefined) end.signature = open.signature;
    if (open.redactedData !== undefined) end.redactedData = open.redactedData;
    parts.push(end);
  }
}
