import type { AssistantContentPart, ReasoningPart, TextPart } from "../../ir/content-part.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatReasoningFields, ChatToolCall } from "../../protocols/openai-chat/types.js";
import { defaultReasoningField, isReasoningField, type ReasoningField } from "./reasoning-fields.js";

export interface EncodedAssistant extends ChatReasoningFields {
  /** Joined text, or null when there is none (Chat's form for a tool-calls-only turn). */
  content: string | null;
  refusal: string | null;
  tool_calls?: ChatToolCall[];
}

export type ReasoningPolicy =
  /** Responses to clients: reasoning always shown, in its original field or `reasoning_content`. */
  | "show"
  /** Requests to upstreams: only reasoning that a Chat server produced (a known field or opaque state) goes back. */
  | "return-to-upstream";

/** IR assistant content → the fields of a Chat assistant message. */
export function encodeAssistant(
  parts: AssistantContentPart[],
  policy: ReasoningPolicy,
  warnings: Warning[],
): EncodedAssistant {
  const texts: string[] = [];
  const refusals: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  const reasoning: ReasoningPart[] = [];
  for (const part of parts) {
    if (part.type === "text") (isRefusal(part) ? refusals : texts).push(part.text);
    else if (part.type === "reasoning") reasoning.push(part);
    else if (part.kind === "custom")
      toolCalls.push({ id: part.id, type: "custom", custom: { name: part.name, input: part.input } });
    else toolCalls.push({ id: part.id, type: "function", function: { name: part.name, arguments: part.input } });
  }
  const encoded: EncodedAssistant = {
    content: texts.length > 0 ? texts.join("") : null,
    refusal: refusals.length > 0 ? refusals.join("") : null,
  };
  if (toolCalls.length > 0) encoded.tool_calls = toolCalls;
  Object.assign(encoded, encodeReasoning(reasoning, policy, warnings));
  return encoded;
}

function isRefusal(part: TextPart): boolean {
  return part.extensions?.["openai-chat"]?.["refusal"] === true;
}

function encodeReasoning(parts: ReasoningPart[], policy: ReasoningPolicy, warnings: Warning[]): ChatReasoningFields {
  const fields: ChatReasoningFields = {};
  for (const part of parts) {
    const known = part.extensions?.["openai-chat"]?.["field"];
    let field: ReasoningField | undefined = isReasoningField(known) ? known : undefined;
    // A Responses reasoning item (it has an `id`) holds OpenAI's encrypted_content, which no Chat
    // server reads; any other opaque state is Copilot's, which Copilot wants back beside `reasoning_text`.
    const opaque = part.id === undefined ? part.encryptedContent : undefined;
    if (opaque !== undefined && policy === "return-to-upstream") field = "reasoning_text";
    if (field === undefined && policy === "show") field = defaultReasoningField;
    if (field === undefined) {
      if (part.text.length > 0 || part.signature !== undefined || part.redactedData !== undefined) {
        warnings.push({
          type: "unsupported",
          feature: "reasoning",
          detail: "Reasoning from another API has no Chat field; it was dropped.",
        });
      }
      continue;
    }
    if (part.text.length > 0) fields[field] = (fields[field] ?? "") + part.text;
    if (opaque !== undefined) fields.reasoning_opaque = opaque;
  }
  return fields;
}
