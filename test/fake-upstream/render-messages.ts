import type {
  ContentBlock,
  Message,
  MessageDeltaUsage,
  RawMessageStreamEvent,
  StopReason,
  Usage,
} from "@anthropic-ai/sdk/resources/messages/messages";
import { formatSse } from "../../src/lib/sse.js";
import { fakeId } from "./fake-ids.js";
import { splitText } from "./split-text.js";
import type { FakeReply, FakeStopReason, FakeUsage } from "./types.js";

// Shapes are typed with the official SDK's own types, so a drift in the documented API breaks the build.

/** The parts of an Anthropic Messages request the renderer reads. */
export interface MessagesRequestFacts {
  model: string;
  stream: boolean;
}

const stopReasons: Record<FakeStopReason, StopReason> = {
  stop: "end_turn",
  length: "max_tokens",
  "tool-calls": "tool_use",
  "content-filter": "refusal",
  refusal: "refusal",
};

/** Anthropic's `input_tokens` leaves out cached tokens; the neutral usage counts them. */
function messagesUsage(usage: FakeUsage): Usage {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: "standard",
    inference_geo: null,
    speed: null,
  };
}

function contentBlocks(reply: FakeReply): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  if (reply.reasoning !== undefined) {
    blocks.push({
      type: "thinking",
      thinking: reply.reasoning.text,
      signature: reply.reasoning.signature ?? "EqFakeSignature",
    });
  }
  if (reply.text !== undefined) blocks.push({ type: "text", text: reply.text, citations: null });
  for (const call of reply.toolCalls ?? []) {
    // Anthropic tools take objects only; a freeform input travels as `{ input }`.
    const input =
      typeof call.arguments === "object" && call.arguments !== null ? call.arguments : { input: call.arguments };
    blocks.push({
      type: "tool_use",
      id: call.id ?? fakeId("toolu_"),
      name: call.name,
      input,
      caller: { type: "direct" },
    });
  }
  return blocks;
}

function stopReasonOf(reply: FakeReply): StopReason {
  return stopReasons[reply.stopReason ?? ((reply.toolCalls ?? []).length > 0 ? "tool-calls" : "stop")];
}

function messageEnvelope(
  request: MessagesRequestFacts,
  content: ContentBlock[],
  stopReason: StopReason | null,
  usage: Usage,
): Message {
  return {
    id: fakeId("msg_"),
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    container: null,
    diagnostics: null,
    stop_details: null,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

export function renderMessage(reply: FakeReply, request: MessagesRequestFacts, usage: FakeUsage): Message {
  return messageEnvelope(request, contentBlocks(reply), stopReasonOf(reply), messagesUsage(usage));
}

/** The stream: `message_start`, `ping`, each block's start/deltas/stop, `message_delta`, `message_stop`. */
export function renderMessageStream(reply: FakeReply, request: MessagesRequestFacts, usage: FakeUsage): string[] {
  const frames: string[] = [];
  const emit = (event: RawMessageStreamEvent | { type: "ping" }): void => {
    frames.push(formatSse(event.type, JSON.stringify(event)));
  };
  const startUsage = { ...messagesUsage(usage), output_tokens: 1 };
  emit({ type: "message_start", message: messageEnvelope(request, [], null, startUsage) });
  emit({ type: "ping" });
  contentBlocks(reply).forEach((block, index) => {
    if (block.type === "thinking") {
      emit({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } });
      for (const thinking of splitText(block.thinking)) {
        emit({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking } });
      }
      emit({ type: "content_block_delta", index, delta: { type: "signature_delta", signature: block.signature } });
    } else if (block.type === "text") {
      emit({ type: "content_block_start", index, content_block: { type: "text", text: "", citations: null } });
      for (const text of splitText(block.text))
        emit({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
    } else if (block.type === "tool_use") {
      emit({ type: "content_block_start", index, content_block: { ...block, input: {} } });
      for (const partial_json of splitText(JSON.stringify(block.input))) {
        emit({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } });
      }
    }
    emit({ type: "content_block_stop", index });
  });
  const finalUsage = messagesUsage(usage);
  const deltaUsage: MessageDeltaUsage = {
    output_tokens: usage.outputTokens,
    input_tokens: finalUsage.input_tokens,
    cache_creation_input_tokens: finalUsage.cache_creation_input_tokens,
    cache_read_input_tokens: finalUsage.cache_read_input_tokens,
    output_tokens_details: null,
    server_tool_use: null,
  };
  emit({
    type: "message_delta",
    delta: { stop_reason: stopReasonOf(reply), stop_sequence: null, container: null, stop_details: null },
    usage: deltaUsage,
  });
  emit({ type: "message_stop" });
  return frames;
}
