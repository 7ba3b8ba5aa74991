import { describe, expect, it } from "vitest";
import { completeUsage, decodeUsage, encodeUsage } from "./convert-usage.js";

describe("Anthropic usage", () => {
  it("adds cache tokens to the IR input count", () => {
    const usage = decodeUsage({
      input_tokens: 472,
      output_tokens: 61,
      cache_creation_input_tokens: 100,
      cache_read_input_tokens: 18210,
      output_tokens_details: { thinking_tokens: 20 },
    });
    expect(usage).toEqual({
      inputTokens: 18782,
      outputTokens: 61,
      cacheReadTokens: 18210,
      cacheWriteTokens: 100,
      reasoningTokens: 20,
    });
  });

  it("subtracts them again when encoding", () => {
    expect(
      encodeUsage({ inputTokens: 18782, outputTokens: 61, cacheReadTokens: 18210, cacheWriteTokens: 100 }),
    ).toEqual({
      input_tokens: 472,
      output_tokens: 61,
      cache_creation_input_tokens: 100,
      cache_read_input_tokens: 18210,
    });
  });

  it("reads null cache fields as absent and fills missing counts with zero", () => {
    expect(completeUsage(decodeUsage({ input_tokens: 5, output_tokens: 1, cache_read_input_tokens: null }))).toEqual({
      inputTokens: 5,
      outputTokens: 1,
    });
    expect(completeUsage(decodeUsage(undefined))).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});
