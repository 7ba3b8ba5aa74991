import { describe, expect, it } from "vitest";
import type { Response } from "../../ir/response.js";
import { decodeResponse } from "./decode-response.js";
import { encodeResponse } from "./encode-response.js";
import { packOpenAiReasoning } from "./foreign-reasoning.js";

const message = {
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude-opus-4-8",
  content: [
    { type: "thinking", thinking: "hmm", signature: "sig" },
    { type: "redacted_thinking", data: "opaque" },
    { type: "text", text: "Paris", citations: null },
    { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
  ],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 5, cache_read_input_tokens: 100 },
};

describe("Anthropic responses", () => {
  it("decodes a message", () => {
    expect(decodeResponse(message)).toEqual({
      id: "msg_01",
      model: "claude-opus-4-8",
      content: [
        { type: "reasoning", text: "hmm", signature: "sig" },
        { type: "reasoning", text: "", redactedData: "opaque" },
        { type: "text", text: "Paris" },
        { type: "tool-call", id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}', kind: "function" },
      ],
      finishReason: { unified: "tool-calls", raw: "tool_use" },
      usage: { inputTokens: 115, outputTokens: 20, cacheReadTokens: 100, cacheWriteTokens: 5 },
    });
  });

  it("re-encodes it as it was, under the client's model name", () => {
    expect(encodeResponse(decodeResponse(message), { model: "claude-opus-4-8" })).toEqual(message);
  });

  it("encodes another vendor's answer", () => {
    const response: Response = {
      id: "chatcmpl-1",
      model: "gpt-5",
      content: [
        { type: "reasoning", text: "summary", encryptedContent: "gAAA" },
        { type: "text", text: "Done" },
        { type: "tool-call", id: "call_1", name: "Read", input: "{broken", kind: "function" },
      ],
      finishReason: { unified: "stop", raw: "stop", stopSequence: "END" },
      usage: { inputTokens: 50, outputTokens: 5, cacheReadTokens: 40, reasoningTokens: 2 },
    };
    expect(encodeResponse(response, { model: "claude-sonnet-4-6" })).toEqual({
      id: "chatcmpl-1",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-6",
      content: [
        // OpenAI's opaque reasoning rides in the signature, to come back next turn (foreign-reasoning.ts).
        { type: "thinking", thinking: "summary", signature: packOpenAiReasoning({ encryptedContent: "gAAA" }) },
        { type: "text", text: "Done", citations: null },
        { type: "tool_use", id: "call_1", name: "Read", input: {} },
      ],
      stop_reason: "stop_sequence",
      stop_sequence: "END",
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 40,
        output_tokens_details: { thinking_tokens: 2 },
      },
    });
  });

  it("rejects a body that is not a message", () => {
    expect(() => decodeResponse({ error: "x" })).toThrow(/not an Anthropic message/);
  });
});
