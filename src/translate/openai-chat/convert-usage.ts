import type { Usage } from "../../ir/usage.js";
import type { ChatUsage } from "../../protocols/openai-chat/types.js";

/** Chat's `prompt_tokens` already includes cached tokens, which is the IR's convention. */
export function decodeUsage(usage: ChatUsage | null | undefined): Usage {
  const result: Usage = { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (typeof cached === "number") result.cacheReadTokens = cached;
  if (typeof reasoning === "number") result.reasoningTokens = reasoning;
  return result;
}

/** Cache writes have no Chat field; they are part of `prompt_tokens` and not reported apart. */
export function encodeUsage(usage: Usage): ChatUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}
