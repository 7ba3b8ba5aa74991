import { describe, expect, it } from "vitest";
import type { Request } from "../../ir/request.js";
import { encodeRequest, usesMaxCompletionTokens } from "./encode-request.js";

const base: Request = {
  model: "client-model",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  tools: [],
  stream: false,
};
const encode = (request: Partial<Request>, model = "gpt-4.1") => encodeRequest({ ...base, ...request }, { model });

describe("encodeRequest messages", () => {
  it("writes leading system parts grouped by role, and later system messages in place", () => {
    const { body } = encode({
      system: [
        { type: "text", text: "a" },
        { type: "text", text: "b" },
        { type: "text", text: "c", extensions: { "openai-chat": { role: "developer" } } },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "hi" }] },
        { role: "system", content: [{ type: "text", text: "mid" }], developer: true },
      ],
    });
    expect(body["model"]).toBe("gpt-4.1");
    expect(body["messages"]).toEqual([
      {
        role: "system",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
        ],
      },
      { role: "developer", content: "c" },
      { role: "user", content: "hi" },
      { role: "developer", content: "mid" },
    ]);
  });

  it("writes images and files as Chat parts", () => {
    const { body, warnings } = encode({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "see" },
            { type: "image", source: { kind: "base64", mediaType: "image/png", data: "AAA" }, detail: "low" },
            { type: "image", source: { kind: "url", url: "https://x/y.jpg" } },
            { type: "file", source: { kind: "base64", mediaType: "application/pdf", data: "JVB" }, filename: "f.pdf" },
            { type: "file", source: { kind: "url", url: "https://x/doc.pdf" } },
          ],
        },
      ],
    });
    expect(body["messages"]).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "see" },
          { type: "image_url", image_url: { url: "data:image/png;base64,AAA", detail: "low" } },
          { type: "image_url", image_url: { url: "https://x/y.jpg" } },
          { type: "file", file: { file_data: "data:application/pdf;base64,JVB", filename: "f.pdf" } },
        ],
      },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ type: "unsupported", feature: "messages.0.content.4 file url" }),
    ]);
  });

  it("writes tool calls and one tool message per result, moving result images to a user message", () => {
    const { body, warnings } = encode({
      messages: [
        {
          role: "assistant",
          content: [
            { type: "tool-call", id: "c1", name: "shot", input: "{}", kind: "function" },
            { type: "tool-call", id: "c2", name: "read", input: '{"p":1}', kind: "function" },
          ],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              callId: "c1",
              content: [
                { type: "text", text: "taken" },
                { type: "image", source: { kind: "url", url: "https://x/s.png" } },
              ],
            },
            { type: "tool-result", callId: "c2", content: "file text", isError: true },
          ],
        },
      ],
    });
    expect(body["messages"]).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "c1", type: "function", function: { name: "shot", arguments: "{}" } },
          { id: "c2", type: "function", function: { name: "read", arguments: '{"p":1}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "taken" },
      { role: "tool", tool_call_id: "c2", content: "file text" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "https://x/s.png" } }] },
    ]);
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "messages.1.content.1 is_error",
      "messages.1 tool result images",
    ]);
  });

  it("sends reasoning back only in the field a Chat server gave it, with Copilot's opaque state", () => {
    const { body, warnings } = encode({
      messages: [
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "r1", extensions: { "openai-chat": { field: "reasoning_content" } } },
            { type: "text", text: "a" },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "r2", encryptedContent: "opaque" },
            { type: "text", text: "b" },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "r3", signature: "sig" },
            { type: "text", text: "c" },
          ],
        },
      ],
    });
    expect(body["messages"]).toEqual([
      { role: "assistant", content: "a", reasoning_content: "r1" },
      { role: "assistant", content: "b", reasoning_text: "r2", reasoning_opaque: "opaque" },
      { role: "assistant", content: "c" },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "reasoning" })]);
  });
});

describe("encodeRequest for OpenAI-compatible servers", () => {
  it("sends developer messages as system to models outside OpenAI's naming, with a warning", () => {
    const request: Partial<Request> = {
      system: [{ type: "text", text: "rules", extensions: { "openai-chat": { role: "developer" } } }],
      messages: [
        { role: "user", content: [{ type: "text", text: "hi" }] },
        { role: "system", content: [{ type: "text", text: "x" }], developer: true },
      ],
    };
    const local = encode(request, "qwen3:32b");
    expect((local.body["messages"] as Array<{ role: string }>).map((message) => message.role)).toEqual([
      "system",
      "user",
      "system",
    ]);
    expect(local.warnings).toEqual([expect.objectContaining({ type: "compatibility", feature: "developer role" })]);
    const openai = encode(request, "gpt-4.1");
    expect((openai.body["messages"] as Array<{ role: string }>).map((message) => message.role)).toEqual([
      "developer",
      "user",
      "developer",
    ]);
  });

  it("never sends an assistant message with neither content nor tool calls", () => {
    const { body } = encode({
      messages: [
        { role: "user", content: [{ type: "text", text: "a" }] },
        { role: "assistant", content: [] },
      ],
    });
    expect(body["messages"]).toEqual([
      { role: "user", content: "a" },
      { role: "assistant", content: "" },
    ]);
  });

  it("leaves a note in a tool message whose result was only an image", () => {
    const { body } = encode({
      messages: [
        { role: "assistant", content: [{ type: "tool-call", id: "c", name: "shot", input: "{}", kind: "function" }] },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              callId: "c",
              content: [{ type: "image", source: { kind: "url", url: "https://x/a.png" } }],
            },
          ],
        },
      ],
    });
    const messages = body["messages"] as Array<{ role: string; content: unknown }>;
    expect(messages[1]).toMatchObject({
      role: "tool",
      tool_call_id: "c",
      content: expect.stringContaining("next user message"),
    });
    expect(messages[2]).toEqual({
      role: "user",
      content: [{ type: "image_url", image_url: { url: "https://x/a.png" } }],
    });
  });

  it("pairs Copilot's opaque state with reasoning_text, and drops a Responses item's encrypted content", () => {
    const { body, warnings } = encode({
      messages: [
        {
          role: "assistant",
          content: [
            {
              type: "reasoning",
              text: "r",
              encryptedContent: "cop",
              extensions: { "openai-chat": { field: "reasoning_content" } },
            },
          ],
        },
        { role: "assistant", content: [{ type: "reasoning", text: "s", encryptedContent: "gAAA", id: "rs_1" }] },
      ],
    });
    expect(body["messages"]).toEqual([
      { role: "assistant", content: "", reasoning_text: "r", reasoning_opaque: "cop" },
      { role: "assistant", content: "" },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ feature: "reasoning" })]);
  });

  it("keeps the client's other stream options", () => {
    const { body } = encode({
      stream: true,
      extensions: { "openai-chat": { stream_options: { include_obfuscation: false } } },
    });
    expect(body["stream_options"]).toEqual({ include_obfuscation: false, include_usage: true });
  });
});

describe("encodeRequest parameters", () => {
  it("writes function tools, tool_choice and parallel_tool_calls; drops what Chat cannot take", () => {
    const { body, warnings } = encode({
      tools: [
        { kind: "function", name: "f", description: "F", inputSchema: { type: "object" }, strict: true },
        { kind: "custom", name: "patch" },
        { kind: "protocol", protocol: "openai-responses", type: "web_search", raw: { type: "web_search" } },
      ],
      toolChoice: { type: "tool", name: "f" },
      parallelToolCalls: true,
    });
    expect(body["tools"]).toEqual([
      { type: "function", function: { name: "f", description: "F", parameters: { type: "object" }, strict: true } },
    ]);
    expect(body["tool_choice"]).toEqual({ type: "function", function: { name: "f" } });
    expect(body["parallel_tool_calls"]).toBe(true);
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "tools.1 custom tool patch",
      "tools.2 openai-responses tool web_search",
    ]);
  });

  it("leaves out tool_choice and parallel_tool_calls when no tool remains", () => {
    const { body } = encode({ toolChoice: { type: "auto" }, parallelToolCalls: false });
    expect(body).not.toHaveProperty("tool_choice");
    expect(body).not.toHaveProperty("parallel_tool_calls");
  });

  it("chooses max_completion_tokens for reasoning models and max_tokens otherwise", () => {
    expect(encode({ maxOutputTokens: 50 }, "gpt-4.1").body).toMatchObject({ max_tokens: 50 });
    expect(encode({ maxOutputTokens: 50 }, "o3-mini").body).toMatchObject({ max_completion_tokens: 50 });
    expect(encode({ maxOutputTokens: 50 }, "gpt-5.1-codex").body).toMatchObject({ max_completion_tokens: 50 });
    expect(usesMaxCompletionTokens("openai/gpt-5-mini")).toBe(true);
    expect(usesMaxCompletionTokens("llama3.1:8b")).toBe(false);
  });

  it("maps reasoning, format, verbosity, sampling and user", () => {
    const { body, warnings } = encode({
      reasoning: { effort: "medium" },
      responseFormat: { type: "json_schema", name: "x", schema: { type: "object" }, strict: true },
      verbosity: "high",
      temperature: 0.2,
      topP: 0.8,
      topK: 40,
      stopSequences: ["\n\n"],
      user: "u",
    });
    expect(body).toMatchObject({
      reasoning_effort: "medium",
      response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" }, strict: true } },
      verbosity: "high",
      temperature: 0.2,
      top_p: 0.8,
      stop: ["\n\n"],
      user: "u",
    });
    expect(warnings.map((warning) => warning.feature)).toEqual(["top_k"]);
    expect(encode({ reasoning: { budgetTokens: 32000 } }).body["reasoning_effort"]).toBe("high");
    // The same thresholds as the Responses encoder and the Anthropic effort → budget table.
    expect(encode({ reasoning: { enabled: true, budgetTokens: 1024 } }).body["reasoning_effort"]).toBe("low");
    expect(encode({ reasoning: { enabled: true, budgetTokens: 8192 } }).body["reasoning_effort"]).toBe("medium");
    expect(encode({ reasoning: { enabled: true, budgetTokens: 16384 } }).body["reasoning_effort"]).toBe("high");
    expect(encode({ reasoning: { effort: "max" } }).body["reasoning_effort"]).toBe("xhigh");
  });

  it("always asks a streaming upstream for usage, and passes Chat extensions through", () => {
    const { body } = encode({
      stream: true,
      includeUsage: false,
      extensions: { "openai-chat": { seed: 3, logprobs: true, model: "ignored" } },
    });
    expect(body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      seed: 3,
      logprobs: true,
      model: "gpt-4.1",
    });
  });
});
