import { describe, expect, it } from "vitest";
import { decodeUsage, encodeUsage } from "./convert-usage.js";

describe("convertUsage", () => {
  it("reads cached and reasoning tokens from the details", () => {
    const wire = {
      input_tokens: 9000,
      input_tokens_details: { cached_tokens: 8000 },
      output_tokens: 120,
      output_tokens_details: { reasoning_tokens: 64 },
      total_tokens: 9120,
    };
    expect(decodeUsage(wire)).toEqual({
      inputTokens: 9000,
      outputTokens: 120,
      cacheReadTokens: 8000,
      reasoningTokens: 64,
    });
  });

  it("reads a usage without details, and none at all", () => {
    expect(decodeUsage({ input_tokens: 3, output_tokens: 4, total_tokens: 7 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
    });
    expect(decodeUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it("writes every field the SDK types require, with the total", () => {
    expect(encodeUsage({ inputTokens: 10, outputTokens: 5, cacheReadTokens: 4, reasoningTokens: 2 })).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 4, cache_write_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 15,
    });
  });
});
