import type { Usage } from "../../ir/usage.js";
import type { Usage as WireUsage } from "../../protocols/openai-responses/types.js";

/** Responses usage already counts cached prompt tokens in `input_tokens`, as the IR does. */
export function decodeUsage(usage: WireUsage | undefined): Usage {
  if (usage === undefined) return { inputTokens: 0, outputTokens: 0 };
  const result: Usage = { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens };
  const cached = usage.input_tokens_details?.cached_tokens;
  const cacheWrite = usage.input_tokens_details?.cache_write_tokens;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  if (cached !== undefined && cached > 0) result.cacheReadTokens = cached;
  if (cacheWrite !== undefined && cacheWrite > 0) result.cacheWriteTokens = cacheWrite;
  if (reasoning !== undefined && reasoning > 0) result.reasoningTokens = reasoning;
  return result;
}

export function encodeUsage(usage: Usage): WireUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cacheReadTokens ?? 0,
      cache_write_tokens: usage.cacheWriteTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export const convertUsage = { decode: decodeUsage, encode: encodeUsage };
