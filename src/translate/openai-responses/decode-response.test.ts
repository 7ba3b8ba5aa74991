import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { decodeResponse } from "./decode-response.js";

const usage = {
  input_tokens: 100,
  input_tokens_details: { cached_tokens: 64 },
  output_tokens: 50,
  output_tokens_details: { reasoning_tokens: 20 },
  total_tokens: 150,
};

describe("decodeResponse", () => {
  it("reads reasoning, text with annotations, function and custom calls", () => {
    const response = decodeResponse({
      id: "resp_1",
      object: "response",
      created_at: 1764000000,
      status: "completed",
      model: "gpt-5.5",
      output: [
        {
          id: "rs_1",
          type: "reasoning",
          summary: [{ type: "summary_text", text: "Thinking" }],
          encrypted_content: "enc",
        },
        {
          id: "msg_1",
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "Done", annotations: [{ type: "url_citation", url: "https://x" }] }],
        },
        {
          id: "fc_1",
          type: "function_call",
          status: "completed",
          call_id: "call_1",
          name: "exec_command",
          arguments: '{"cmd":"ls"}',
        },
        {
          id: "ctc_1",
          type: "custom_tool_call",
          status: "completed",
          call_id: "call_2",
          name: "exec",
          namespace: "functions",
          input: "text(1)",
        },
      ],
      usage,
    });
    expect(response.content).toMatchObject([
      { type: "reasoning", id: "rs_1", text: "Thinking", encryptedContent: "enc" },
      {
        type: "text",
        text: "Done",
        extensions: { "openai-responses": { annotations: [{ type: "url_citation", url: "https://x" }] } },
      },
      { type: "tool-call", id: "call_1", name: "exec_command", input: '{"cmd":"ls"}', kind: "function" },
      { type: "tool-call", id: "call_2", name: "exec", input: "text(1)", kind: "custom", namespace: "functions" },
    ]);
    expect(response.finishReason).toEqual({ unified: "tool-calls", raw: "completed" });
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 50, cacheReadTokens: 64, reasoningTokens: 20 });
    expect(response).toMatchObject({ id: "resp_1", model: "gpt-5.5", created: 1764000000 });
  });

  it("reads an incomplete response and keeps hosted-tool items aside", () => {
    const response = decodeResponse({
      id: "resp_2",
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      model: "gpt-5",
      output: [{ id: "ws_1", type: "web_search_call", status: "completed" }],
      usage,
    });
    expect(response.finishReason.unified).toBe("length");
    expect(response.extensions?.["openai-responses"]?.otherItems).toEqual([
      { index: 0, item: { id: "ws_1", type: "web_search_call", status: "completed" } },
    ]);
  });

  it("rejects a body without output", () => {
    expect(() => decodeResponse({ error: "nope" })).toThrow(GatewayError);
  });
});
