import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { protocol } from "./index.js";

const valid = { model: "claude-opus-4-8", max_tokens: 1024, messages: [{ role: "user", content: "Hi" }] };

function rejection(body: unknown): GatewayError {
  try {
    protocol.parseRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected the body to be rejected");
}

describe("anthropic-messages parseRequest", () => {
  it("returns the same object, unknown fields untouched", () => {
    const body = { ...valid, context_management: { edits: [] }, messages: [{ role: "system", content: "note" }] };
    expect(protocol.parseRequest(body)).toBe(body);
  });

  it("accepts unknown block types and server tools", () => {
    const body = {
      ...valid,
      tools: [{ type: "web_search_20250305", name: "web_search", max_uses: 3 }],
      messages: [{ role: "user", content: [{ type: "search_result", anything: 1 }] }],
    };
    expect(protocol.parseRequest(body)).toBe(body);
  });

  it("names the faulty field", () => {
    const body = {
      ...valid,
      messages: [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
        { role: "user", content: [{ type: "image", source: { type: "base64", data: "x" } }] },
      ],
    };
    const error = rejection(body);
    expect(error.code).toBe("invalid_request");
    expect(error.param).toBe("messages.2.content.0.source.media_type");
  });

  it("rejects an unknown image source type at the source", () => {
    const error = rejection({
      ...valid,
      messages: [{ role: "user", content: [{ type: "image", source: { type: "ftp" } }] }],
    });
    expect(error.param).toBe("messages.0.content.0.source.type");
  });

  it.each([
    [{ ...valid, model: 3 }, "model"],
    [{ ...valid, max_tokens: 0 }, "max_tokens"],
    [{ ...valid, max_tokens: 1.5 }, "max_tokens"],
    [{ ...valid, messages: [] }, "messages"],
    [{ ...valid, messages: [{ role: "tool", content: "x" }] }, "messages.0.role"],
    [{ ...valid, messages: [{ role: "user", content: [{ type: "text" }] }] }, "messages.0.content.0.text"],
    [
      { ...valid, messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t", name: "n" }] }] },
      "messages.0.content.0.input",
    ],
    [
      {
        ...valid,
        messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: [{ type: "text" }] }] }],
      },
      "messages.0.content.0.content.0.text",
    ],
    [{ ...valid, tools: [{ name: "f" }] }, "tools.0.input_schema"],
    [{ ...valid, tool_choice: { type: "tool" } }, "tool_choice.name"],
    [{ ...valid, thinking: { type: "sometimes" } }, "thinking.type"],
  ])("rejects %j at %s", (body, param) => {
    expect(rejection(body).param).toBe(param);
  });

  it("reports model and stream", () => {
    const body = protocol.parseRequest({ ...valid, stream: true });
    expect(protocol.requestModel(body)).toBe("claude-opus-4-8");
    expect(protocol.requestStream(body)).toBe(true);
  });
});
