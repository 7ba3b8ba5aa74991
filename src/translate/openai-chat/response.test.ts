import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import type { Response } from "../../ir/response.js";
import { decodeResponse } from "./decode-response.js";
import { encodeResponse } from "./encode-response.js";

const usage = {
  prompt_tokens: 20,
  completion_tokens: 9,
  total_tokens: 29,
  prompt_tokens_details: { cached_tokens: 8 },
  completion_tokens_details: { reasoning_tokens: 4 },
};

describe("decodeResponse", () => {
  it("reads text, tool calls, finish reason and usage", () => {
    const response = decodeResponse({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1700000000,
      model: "gpt-4.1-2025-04-14",
      system_fingerprint: "fp_1",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Let me check.",
            refusal: null,
            tool_calls: [
              { id: "call_a", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
              { id: "call_b", type: "function", function: { name: "weather", arguments: '{"city":"Rome"}' } },
            ],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage,
    });
    expect(response).toEqual({
      id: "chatcmpl-1",
      model: "gpt-4.1-2025-04-14",
      created: 1700000000,
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool-call", id: "call_a", name: "weather", input: '{"city":"Oslo"}', kind: "function" },
        { type: "tool-call", id: "call_b", name: "weather", input: '{"city":"Rome"}', kind: "function" },
      ],
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: { inputTokens: 20, outputTokens: 9, cacheReadTokens: 8, reasoningTokens: 4 },
      extensions: { "openai-chat": { system_fingerprint: "fp_1" } },
    });
  });

  it("reads Copilot's reasoning_text and reasoning_opaque", () => {
    const response = decodeResponse({
      id: "x",
      model: "claude-sonnet-4.5",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "4", reasoning_text: "2+2", reasoning_opaque: "sealed" },
          finish_reason: "stop",
        },
      ],
    });
    expect(response.content).toEqual([
      {
        type: "reasoning",
        text: "2+2",
        encryptedContent: "sealed",
        extensions: { "openai-chat": { field: "reasoning_text" } },
      },
      { type: "text", text: "4" },
    ]);
    expect(response.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it("fails clearly on a body without choices", () => {
    expect(() => decodeResponse({ id: "x", choices: [] })).toThrow(GatewayError);
  });
});

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
