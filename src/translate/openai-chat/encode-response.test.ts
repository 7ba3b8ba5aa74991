import { describe, expect, it } from "vitest";
import type { Response } from "../../ir/response.js";
import { chatResponseSchema, describeMismatch } from "../../protocols/openai-chat/response-schemas.js";
import { encodeResponse } from "./encode-response.js";

describe("encodeResponse", () => {
  const response: Response = {
    id: "resp_1",
    model: "claude-sonnet-4-5",
    created: 1700000001,
    content: [
      { type: "reasoning", text: "thinking", signature: "sig" },
      { type: "text", text: "Hello" },
      { type: "tool-call", id: "toolu_1", name: "bash", input: '{"cmd":"ls"}', kind: "function" },
    ],
    finishReason: { unified: "tool-calls", raw: "tool_use" },
    usage: { inputTokens: 30, outputTokens: 10, cacheReadTokens: 5 },
  };

  it("writes a chat.completion with the client's model, reasoning in reasoning_content", () => {
    expect(describeMismatch(chatResponseSchema, encodeResponse(response, { model: "my-alias" }))).toBeUndefined();
    expect(encodeResponse(response, { model: "my-alias" })).toEqual({
      id: "resp_1",
      object: "chat.completion",
      created: 1700000001,
      model: "my-alias",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Hello",
            refusal: null,
            reasoning_content: "thinking",
            tool_calls: [{ id: "toolu_1", type: "function", function: { name: "bash", arguments: '{"cmd":"ls"}' } }],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 30,
        completion_tokens: 10,
        total_tokens: 40,
        prompt_tokens_details: { cached_tokens: 5 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it("writes refusals in the refusal field and null content when there is no text", () => {
    const refused = encodeResponse(
      {
        ...response,
        content: [{ type: "text", text: "No.", extensions: { "openai-chat": { refusal: true } } }],
        finishReason: { unified: "refusal" },
      },
      { model: "m" },
    );
    expect(refused).toMatchObject({ choices: [{ message: { content: null, refusal: "No." }, finish_reason: "stop" }] });
  });
});
