import { describe, expect, it } from "vitest";
import type { Response } from "../../ir/response.js";
import { decodeResponse } from "./decode-response.js";
import { encodeResponse } from "./encode-response.js";

const response: Response = {
  id: "msg_01Anthropic",
  model: "claude-sonnet-4.5",
  created: 1764000000,
  content: [
    { type: "reasoning", text: "Plan", id: "rs_9", encryptedContent: "enc" },
    { type: "text", text: "Hello " },
    { type: "text", text: "world" },
    { type: "tool-call", id: "call_1", name: "exec_command", input: "{}", kind: "function" },
    { type: "tool-call", id: "call_2", name: "exec", input: "x", kind: "custom", namespace: "functions" },
  ],
  finishReason: { unified: "tool-calls" },
  usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 2 },
};

describe("encodeResponse", () => {
  it("writes a complete Responses object with one item per part and output_text", () => {
    const body = encodeResponse(response, { model: "gpt-5.5" });
    expect(body).toMatchObject({
      id: "resp_msg01Anthropic",
      object: "response",
      created_at: 1764000000,
      status: "completed",
      error: null,
      incomplete_details: null,
      model: "gpt-5.5",
      output_text: "Hello world",
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 2 } },
    });
    expect(body.output).toEqual([
      { type: "reasoning", id: "rs_9", summary: [{ type: "summary_text", text: "Plan" }], encrypted_content: "enc" },
      {
        type: "message",
        id: "msg_msg01Anthropic_1",
        status: "completed",
        role: "assistant",
        content: [
          { type: "output_text", text: "Hello ", annotations: [] },
          { type: "output_text", text: "world", annotations: [] },
        ],
      },
      {
        type: "function_call",
        id: "fc_msg01Anthropic_2",
        status: "completed",
        call_id: "call_1",
        name: "exec_command",
        arguments: "{}",
      },
      {
        type: "custom_tool_call",
        id: "ctc_msg01Anthropic_3",
        status: "completed",
        call_id: "call_2",
        name: "exec",
        input: "x",
        namespace: "functions",
      },
    ]);
  });

  it("writes length as incomplete with max_output_tokens", () => {
    const body = encodeResponse({ ...response, content: [], finishReason: { unified: "length" } }, { model: "m" });
    expect(body).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [],
    });
  });

  it("round-trips through decodeResponse", () => {
    const decoded = decodeResponse(encodeResponse(response, { model: "claude-sonnet-4.5" }));
    expect(decoded.content.map((part) => part.type)).toEqual(["reasoning", "text", "text", "tool-call", "tool-call"]);
    expect(decoded.finishReason.unified).toBe("tool-calls");
    expect(decoded.usage).toEqual(response.usage);
  });
});
