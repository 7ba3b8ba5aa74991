import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { decodeResponse } from "./decode-response.js";

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

  it("fails clearly on a malformed body", () => {
    expect(() => decodeResponse({ id: "x", choices: [] })).toThrow(GatewayError);
    expect(() => decodeResponse({ id: "x", model: "m", choices: [{ index: 0, finish_reason: "stop" }] })).toThrow(
      /malformed \(choices\.0\.message/,
    );
    expect(() => decodeResponse("<html>")).toThrow(GatewayError);
  });
});

describe("decodeResponse with Copilot's split choices", () => {
  it("joins text from one choice and tool calls from another, finishing with tool calls", () => {
    const response = decodeResponse({
      id: "x",
      model: "claude-sonnet-4.5",
      choices: [
        { index: 0, message: { role: "assistant", content: "I'll run it." }, finish_reason: "stop" },
        {
          index: 1,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "t1", type: "function", function: { name: "bash", arguments: "{}" } }],
          },
          finish_reason: "tool_calls",
        },
      ],
    });
    expect(response.content).toEqual([
      { type: "text", text: "I'll run it." },
      { type: "tool-call", id: "t1", name: "bash", input: "{}", kind: "function" },
    ]);
    expect(response.finishReason).toEqual({ unified: "tool-calls", raw: "tool_calls" });
  });
});
