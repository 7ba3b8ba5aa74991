import { formatSse } from "../../src/lib/sse.js";
import { fakeId } from "./fake-ids.js";
import { splitText } from "./split-text.js";
import type { FakeReply, FakeStopReason, FakeUsage } from "./types.js";

/** The parts of an Anthropic Messages request the renderer reads. */
export interface MessagesRequestFacts {
  model: string;
  stream: boolean;
}

const stopReasons: Record<FakeStopReason, string> = {
  stop: "end_turn",
  length: "max_tokens",
  "tool-calls": "tool_use",
  "content-filter": "refusal",
  refusal: "refusal",
};

type Block = Record<string, unknown> & { type: string };

/** Anthropic's `input_tokens` leaves out cached tokens; the neutral usage counts them. */
function messagesUsage(usage: FakeUsage): Record<string, unknown> {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.outputTokens,
    service_tier: "standard",
  };
}

function contentBlocks(reply: FakeReply): Block[] {
  const blocks: Block[] = [];
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
    blocks.push({ type: "tool_use", id: call.id ?? fakeId("toolu_"), name: call.name, input });
  }
  return blocks;
}

function stopReasonOf(reply: FakeReply): string {
  return stopReasons[reply.stopReason ?? ((reply.toolCalls ?? []).length > 0 ? "tool-calls" : "stop")];
}

function messageEnvelope(
  request: MessagesRequestFacts,
  content: Block[],
  stopReason: string | null,
  usage: Record<string, unknown>,
) {
  return {
    id: fakeId("msg_"),
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

export function renderMessage(reply: FakeReply, request: MessagesRequestFacts, usage: FakeUsage): unknown {
  return messageEnvelope(request, contentBlocks(reply), stopReasonOf(reply), messagesUsage(usage));
}

/** The stream: `message_start`, `ping`, each block's start/deltas/stop, `message_delta`, `message_stop`. */
export function renderMessageStream(reply: FakeReply, request: MessagesRequestFacts, usage: FakeUsage): string[] {
  const frames: string[] = [];
  const emit = (type: string, body: Record<string, unknown>): void => {
    frames.push(formatSse(type, JSON.stringify({ type, ...body })));
  };
  const startUsage = { ...messagesUsage(usage), output_tokens: 1 };
  emit("message_start", { message: messageEnvelope(request, [], null, startUsage) });
  emit("ping", {});
  contentBlocks(reply).forEach((block, index) => {
    if (block.type === "thinking") {
      emit("content_block_start", { index, content_block: { type: "thinking", thinking: "", signature: "" } });
      for (const thinking of splitText(String(block["thinking"]))) {
        emit("content_block_delta", { index, delta: { type: "thinking_delta", thinking } });
      }
      emit("content_block_delta", { index, delta: { type: "signature_delta", signature: block["signature"] } });
    } else if (block.type === "text") {
      emit("content_block_start", { index, content_block: { type: "text", text: "", citations: null } });
      for (const text of splitText(String(block["text"])))
        emit("content_block_delta", { index, delta: { type: "text_delta", text } });
    } else {
      emit("content_block_start", { index, content_block: { ...block, input: {} } });
      for (const partial_json of splitText(JSON.stringify(block["input"]))) {
        emit("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } });
      }
    }
    emit("content_block_stop", { index });
  });
  const finalUsage = messagesUsage(usage);
  emit("message_delta", {
    delta: { stop_reason: stopReasonOf(reply), stop_sequence: null },
    usage: {
      output_tokens: usage.outputTokens,
      input_tokens: finalUsage["input_tokens"],
      cache_creation_input_tokens: finalUsage["cache_creation_input_tokens"],
      cache_read_input_tokens: finalUsage["cache_read_input_tokens"],
    },
  });
  emit("message_stop", {});
  return frames;
}
