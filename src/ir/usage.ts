/**
 * Token usage in one convention for every protocol: `inputTokens` counts every prompt token,
 * including those read from or written to a cache (OpenAI's `prompt_tokens` meaning).
 * Anthropic's `input_tokens` excludes cached tokens; its encoder subtracts them.
 * `outputTokens` includes `reasoningTokens`.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0 };
}
