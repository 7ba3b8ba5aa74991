import type { Usage } from "../../ir/usage.js";
import type { Usage as WireUsage } from "../../protocols/anthropic-messages/types.js";

/** Wire usage (possibly partial, as in `message_delta`) → IR. Anthropic's `input_tokens` excludes cache tokens; the IR's includes them. */
export function decodeUsage(usage: Partial<WireUsage> | undefined): Partial<Usage> {
  if (usage === undefined) return {};
  const decoded: Partial<Usage> = {};
  const read = usage.cache_read_input_tokens ?? undefined;
  const write = usage.cache_creation_input_tokens ?? undefined;
  if (typeof usage.input_tokens === "number") decoded.inputTokens = usage.input_tokens + (read ?? 0) + (write ?? 0);
  if (typeof usage.output_tokens === "number") decoded.outputTokens = usage.output_tokens;
  if (read !== undefined) decoded.cacheReadTokens = read;
  if (write !== undefined) decoded.cacheWriteTokens = write;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (typeof thinking === "number") decoded.reasoningTokens = thinking;
  return decoded;
}

export function completeUsage(usage: Partial<Usage>): Usage {
  return { ...usage, inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
}

export function encodeUsage(usage: Partial<Usage>): WireUsage {
  const read = usage.cacheReadTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  const encoded: WireUsage = {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - read - write),
    output_tokens: usage.outputTokens ?? 0,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  };
  if (usage.reasoningTokens !== undefined) encoded.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return encoded;
}
