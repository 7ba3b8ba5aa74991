import type { ChatReasoningFields } from "../../protocols/openai-chat/types.js";

/**
 * Reasoning is not part of OpenAI's Chat API. Compatible servers add it under their own names:
 * `reasoning_content` (DeepSeek, vLLM, Qwen), `reasoning` (OpenRouter, Ollama), and GitHub
 * Copilot `reasoning_text` with an opaque state `reasoning_opaque` that must come back next turn.
 */
export type ReasoningField = "reasoning_content" | "reasoning" | "reasoning_text";

export const reasoningFields: readonly ReasoningField[] = ["reasoning_content", "reasoning_text", "reasoning"];

/** The field the gateway writes to Chat clients when the reasoning came from elsewhere: the most widely read one. */
export const defaultReasoningField: ReasoningField = "reasoning_content";

export interface ReadReasoning {
  field: ReasoningField;
  text: string;
}

export function readReasoning(fields: ChatReasoningFields): ReadReasoning | undefined {
  for (const field of reasoningFields) {
    const value = fields[field];
    if (typeof value === "string" && value.length > 0) return { field, text: value };
  }
  return undefined;
}

export function readOpaque(fields: ChatReasoningFields): string | undefined {
  const value = fields.reasoning_opaque;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function isReasoningField(value: unknown): value is ReasoningField {
  return typeof value === "string" && (reasoningFields as readonly string[]).includes(value);
}
