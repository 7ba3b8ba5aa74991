import { describe, expect, it } from "vitest";
import { chatChunkSchema, chatResponseSchema, describeMismatch } from "./response-schemas.js";

describe("response schemas", () => {
  it("accept OpenAI's shapes and the servers' extra fields", () => {
    const completion = {
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1,
      model: "gpt-4.1",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "hi", reasoning_content: "r" },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    };
    expect(describeMismatch(chatResponseSchema, completion)).toBeUndefined();
    const usageOnly = {
      id: "c",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      choices: [],
      usage: completion.usage,
    };
    expect(describeMismatch(chatChunkSchema, usageOnly)).toBeUndefined();
  });

  it("name the field that does not fit", () => {
    expect(describeMismatch(chatResponseSchema, { id: "x", model: "m", choices: [] })).toMatch(/^choices:/);
    const badFinish = { id: "c", model: "m", choices: [{ index: 0, delta: {}, finish_reason: "end_turn" }] };
    expect(describeMismatch(chatChunkSchema, badFinish)).toMatch(/^choices\.0\.finish_reason:/);
  });
});
