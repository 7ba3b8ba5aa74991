import type { AssistantContentPart, ReasoningPart, TextPart } from "../../ir/content-part.js";
import type { ChatAssistantMessage, ChatResponseMessage } from "../../protocols/openai-chat/types.js";
import { readOpaque, readReasoning } from "./reasoning-fields.js";

/** Deprecated `function_call`s have no id; this one pairs the call with its `function` result message. */
export function legacyCallId(name: string): string {
  return `function_call_${name}`;
}

/** An assistant message (request history or response) → reasoning, text, then tool calls, as Chat orders them. */
export function decodeAssistantContent(message: ChatAssistantMessage | ChatResponseMessage): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  const reasoning = decodeReasoning(message);
  if (reasoning !== undefined) parts.push(reasoning);
  parts.push(...decodeText(message));
  for (const call of message.tool_calls ?? []) {
    if (call.type === "custom") {
      parts.push({ type: "tool-call", id: call.id, name: call.custom.name, input: call.custom.input, kind: "custom" });
    } else {
      parts.push({
        type: "tool-call",
        id: call.id,
        name: call.function.name,
        input: call.function.arguments,
        kind: "function",
      });
    }
  }
  const legacy = message.function_call;
  if (legacy) {
    parts.push({
      type: "tool-call",
      id: legacyCallId(legacy.name),
      name: legacy.name,
      input: legacy.arguments,
      kind: "function",
    });
  }
  return parts;
}

function decodeReasoning(message: ChatAssistantMessage | ChatResponseMessage): ReasoningPart | undefined {
  const read = readReasoning(message);
  const opaque = readOpaque(message);
  if (read === undefined && opaque === undefined) return undefined;
  const part: ReasoningPart = { type: "reasoning", text: read?.text ?? "" };
  if (opaque !== undefined) part.encryptedContent = opaque;
  if (read !== undefined) part.extensions = { "openai-chat": { field: read.field } };
  return part;
}

function decodeText(message: ChatAssistantMessage | ChatResponseMessage): TextPart[] {
  const parts: TextPart[] = [];
  const content = message.content;
  if (typeof content === "string") {
    if (content.length > 0) parts.push({ type: "text", text: content });
  } else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === "text") parts.push({ type: "text", text: part.text });
      else parts.push(refusalText(part.refusal));
    }
  }
  if (typeof message.refusal === "string" && message.refusal.length > 0) parts.push(refusalText(message.refusal));
  return parts;
}

/** A refusal is shown as text to other protocols; the mark lets Chat write it back as `refusal`. */
function refusalText(text: string): TextPart {
  return { type: "text", text, extensions: { "openai-chat": { refusal: true } } };
}
