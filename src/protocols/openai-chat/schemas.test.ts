import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { parseChatRequest } from "./schemas.js";

function paramOf(body: unknown): string | undefined {
  try {
    parseChatRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe("invalid_request");
    return (error as GatewayError).param;
  }
  return "accepted";
}

describe("parseChatRequest", () => {
  it("returns the very object it was given, unknown fields included", () => {
    const body = { model: "gpt-4.1", messages: [{ role: "user", content: "hi", extra: 1 }], logit_bias: { 1: 2 } };
    expect(parseChatRequest(body)).toBe(body);
  });

  it("accepts every role and content shape", () => {
    const body = {
      model: "m",
      messages: [
        { role: "developer", content: [{ type: "text", text: "d" }] },
        { role: "system", content: "s" },
        {
          role: "user",
          content: [
            { type: "text", text: "t" },
            { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } },
            { type: "input_audio", input_audio: { data: "AAA", format: "wav" } },
            { type: "file", file: { file_data: "data:application/pdf;base64,AA", filename: "a.pdf" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c", content: [{ type: "text", text: "r" }] },
        { role: "function", name: "f", content: "r" },
        { role: "assistant" },
      ],
    };
    expect(paramOf(body)).toBe("accepted");
  });

  it("names the offending field", () => {
    expect(paramOf({ messages: [{ role: "user", content: "x" }] })).toBe("model");
    expect(paramOf({ model: "m", messages: [] })).toBe("messages");
    expect(paramOf({ model: "m", messages: [{ role: "robot", content: "x" }] })).toBe("messages.0.role");
    const third = {
      model: "m",
      messages: [
        { role: "user", content: "a" },
        { role: "user", content: "b" },
        { role: "user", content: 5 },
      ],
    };
    expect(paramOf(third)).toBe("messages.2.content");
    expect(paramOf({ model: "m", messages: [{ role: "tool", content: "x" }] })).toBe("messages.0.tool_call_id");
    expect(paramOf({ model: "m", messages: [{ role: "user", content: [{ type: "video" }] }] })).toBe(
      "messages.0.content",
    );
  });

  it("checks every field the translator reads (issue 22: tool_choice: true answered 500)", () => {
    const base = { model: "m", messages: [{ role: "user", content: "x" }] };
    expect(paramOf({ ...base, tool_choice: true })).toBe("tool_choice");
    expect(paramOf({ ...base, tool_choice: { type: "function" } })).toBe("tool_choice");
    expect(paramOf({ ...base, tool_choice: { type: "allowed_tools", allowed_tools: {} } })).toBe("tool_choice");
    expect(paramOf({ ...base, response_format: { type: "json_schema" } })).toBe("response_format.json_schema");
    expect(paramOf({ ...base, functions: true })).toBe("functions");
    expect(paramOf({ ...base, functions: [{}] })).toBe("functions.0.name");
    expect(paramOf({ ...base, function_call: 3 })).toBe("function_call");
    expect(paramOf({ ...base, stream_options: "x" })).toBe("stream_options");
    const legacyAssistant = { role: "assistant", content: null, function_call: { name: "f" } };
    expect(paramOf({ ...base, messages: [legacyAssistant] })).toBe("messages.0.function_call.arguments");
    for (const absent of [null, undefined]) {
      const body = { ...base, tool_choice: absent, response_format: absent, functions: absent, function_call: absent };
      expect(paramOf(body)).toBe("accepted");
    }
    expect(paramOf({ ...base, tool_choice: { type: "function", function: { name: "f" } } })).toBe("accepted");
  });

  it("rejects a body that is not an object", () => {
    expect(() => parseChatRequest(null)).toThrow(GatewayError);
  });
});
