import { describe, expect, it } from "vitest";
import { decodeUsage, encodeUsage } from "./convert-usage.js";

describe("usage", () => {
  it("reads cached and reasoning token details", () => {
    const usage = decodeUsage({
      prompt_tokens: 100,
      completion_tokens: 40,
      total_tokens: 140,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 25 },
    });
    expect(usage).toEqual({ inputTokens: 100, outputTokens: 40, cacheReadTokens: 60, reasoningTokens: 25 });
  });

  it("reads servers that send no details, or no usage at all", () => {
    expect(decodeUsage({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
    });
    expect(decodeUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it("writes totals and details as OpenAI does", () => {
    expect(
      encodeUsage({ inputTokens: 10, outputTokens: 5, cacheReadTokens: 4, cacheWriteTokens: 2, reasoningTokens: 3 }),
    ).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 3 },
    });
  });
});
