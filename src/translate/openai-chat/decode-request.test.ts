import { describe, expect, it } from "vitest";
import { decodeRequest } from "./decode-request.js";

const decode = (body: Record<string, unknown>) => decodeRequest({ model: "gpt-4.1", ...body });

describe("decodeRequest messages", () => {
  it("lifts leading system and developer messages, keeps later ones in place", () => {
    const { request } = decode({
      messages: [
        { role: "system", content: "be brief" },
        {
          role: "developer",
          content: [
            { type: "text", text: "a" },
            { type: "text", text: "b" },
          ],
        },
        { role: "user", content: "hi" },
        { role: "developer", content: "later" },
        { role: "system", content: "later too" },
      ],
    });
    expect(request.system).toEqual([
      { type: "text", text: "be brief" },
      { type: "text", text: "a", extensions: { "openai-chat": { role: "developer" } } },
      { type: "text", text: "b", extensions: { "openai-chat": { role: "developer" } } },
    ]);
    expect(request.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "hi" }] },
      { role: "system", content: [{ type: "text", text: "later" }], developer: true },
      { role: "system", content: [{ type: "text", text: "later too" }] },
    ]);
  });

  it("decodes text, images (inline and linked) and files; warns about audio and file ids", () => {
    const { request, warnings } = decode({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBOR", detail: "high" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "file", file: { file_data: "data:application/pdf;base64,JVBER", filename: "a.pdf" } },
            { type: "file", file: { file_data: "JVBER", filename: "b.pdf" } },
            { type: "file", file: { file_id: "file-123" } },
            { type: "input_audio", input_audio: { data: "UklG", format: "wav" } },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: "text", text: "look" },
      { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBOR" }, detail: "high" },
      { type: "image", source: { kind: "url", url: "https://example.com/cat.jpg" } },
      { type: "file", source: { kind: "base64", mediaType: "application/pdf", data: "JVBER" }, filename: "a.pdf" },
      { type: "file", source: { kind: "base64", mediaType: "application/pdf", data: "JVBER" }, filename: "b.pdf" },
    ]);
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "messages.0.content.5 file_id",
      "messages.0.content.6 input_audio",
    ]);
  });

  it("decodes several tool calls in one turn and merges consecutive tool results, naming them", () => {
    const { request } = decode({
      messages: [
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
            { id: "call_2", type: "function", function: { name: "time", arguments: "{}" } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "sunny" },
        { role: "tool", tool_call_id: "call_2", content: [{ type: "text", text: "noon" }] },
      ],
    });
    expect(request.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool-call", id: "call_1", name: "weather", input: '{"city":"Paris"}', kind: "function" },
          { type: "tool-call", id: "call_2", name: "time", input: "{}", kind: "function" },
        ],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", callId: "call_1", name: "weather", content: "sunny" },
          { type: "tool-result", callId: "call_2", name: "time", content: [{ type: "text", text: "noon" }] },
        ],
      },
    ]);
  });

  it("decodes the deprecated function_call and function messages as a paired call", () => {
    const { request } = decode({
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: null, function_call: { name: "lookup", arguments: "{}" } },
        { role: "function", name: "lookup", content: "found" },
      ],
      functions: [{ name: "lookup", parameters: { type: "object" } }],
      function_call: { name: "lookup" },
    });
    expect(request.messages[1]?.content).toEqual([
      { type: "tool-call", id: "function_call_lookup", name: "lookup", input: "{}", kind: "function" },
    ]);
    expect(request.messages[2]?.content).toEqual([
      { type: "tool-result", callId: "function_call_lookup", name: "lookup", content: "found" },
    ]);
    expect(request.tools).toEqual([{ kind: "function", name: "lookup", inputSchema: { type: "object" } }]);
    expect(request.toolChoice).toEqual({ type: "tool", name: "lookup" });
  });

  it("reads reasoning from the compatible servers' fields, keeping the field and Copilot's opaque state", () => {
    const { request } = decode({
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: "a", reasoning_content: "thought A" },
        { role: "user", content: "y" },
        { role: "assistant", content: "b", reasoning_text: "thought B", reasoning_opaque: "enc123" },
        { role: "user", content: "z" },
        { role: "assistant", content: "c", reasoning: "thought C" },
      ],
    });
    expect(request.messages[1]?.content[0]).toEqual({
      type: "reasoning",
      text: "thought A",
      extensions: { "openai-chat": { field: "reasoning_content" } },
    });
    expect(request.messages[3]?.content[0]).toEqual({
      type: "reasoning",
      text: "thought B",
      encryptedContent: "enc123",
      extensions: { "openai-chat": { field: "reasoning_text" } },
    });
    expect(request.messages[5]?.content[0]).toMatchObject({
      type: "reasoning",
      text: "thought C",
      extensions: { "openai-chat": { field: "reasoning" } },
    });
  });

  it("keeps a refusal as marked text", () => {
    const { request } = decode({
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: null, refusal: "I can't." },
      ],
    });
    expect(request.messages[1]?.content).toEqual([
      { type: "text", text: "I can't.", extensions: { "openai-chat": { refusal: true } } },
    ]);
  });
});

describe("decodeRequest parameters", () => {
  const messages = [{ role: "user", content: "x" }];

  it("maps tools, tool_choice and parallel_tool_calls", () => {
    const { request } = decode({
      messages,
      tools: [
        {
          type: "function",
          function: { name: "a", description: "A", parameters: { type: "object", properties: {} }, strict: true },
        },
        { type: "function", function: { name: "b" } },
        {
          type: "custom",
          custom: { name: "patch", format: { type: "grammar", grammar: { syntax: "lark", definition: "start: x" } } },
        },
      ],
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(request.tools).toEqual([
      { kind: "function", name: "a", description: "A", inputSchema: { type: "object", properties: {} }, strict: true },
      { kind: "function", name: "b", inputSchema: { type: "object", properties: {} } },
      { kind: "custom", name: "patch", format: { type: "grammar", syntax: "lark", definition: "start: x" } },
    ]);
    expect(request.toolChoice).toEqual({ type: "required" });
    expect(request.parallelToolCalls).toBe(false);
    expect(decode({ messages, tool_choice: { type: "function", function: { name: "a" } } }).request.toolChoice).toEqual(
      { type: "tool", name: "a" },
    );
    expect(decode({ messages, tool_choice: "none" }).request.toolChoice).toEqual({ type: "none" });
    const allowed = decode({
      messages,
      tool_choice: { type: "allowed_tools", allowed_tools: { mode: "auto", tools: [] } },
    });
    expect(allowed.request.toolChoice).toEqual({ type: "auto" });
    expect(allowed.warnings[0]?.feature).toBe("tool_choice allowed_tools");
  });

  it("maps sampling, limits, reasoning, format, verbosity, user, stop", () => {
    const { request } = decode({
      messages,
      max_tokens: 100,
      max_completion_tokens: 200,
      temperature: 0.5,
      top_p: 0.9,
      stop: "END",
      reasoning_effort: "high",
      response_format: { type: "json_schema", json_schema: { name: "out", schema: { type: "object" }, strict: true } },
      verbosity: "low",
      user: "u-1",
    });
    expect(request).toMatchObject({
      maxOutputTokens: 200,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ["END"],
      reasoning: { effort: "high" },
      responseFormat: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true },
      verbosity: "low",
      user: "u-1",
    });
    expect(decode({ messages, max_tokens: 100 }).request.maxOutputTokens).toBe(100);
    expect(decode({ messages, response_format: { type: "json_object" } }).request.responseFormat).toEqual({
      type: "json_object",
    });
  });

  it("reads include_usage on streams", () => {
    expect(decode({ messages, stream: true, stream_options: { include_usage: true } }).request).toMatchObject({
      stream: true,
      includeUsage: true,
    });
    expect(decode({ messages, stream: true }).request).toMatchObject({ stream: true, includeUsage: false });
    expect(decode({ messages }).request.includeUsage).toBeUndefined();
  });

  it("reads reasoning_effort none as reasoning turned off, and keeps other stream options", () => {
    expect(decode({ messages, reasoning_effort: "none" }).request.reasoning).toEqual({
      effort: "none",
      enabled: false,
    });
    const { request } = decode({
      messages,
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
    });
    expect(request.extensions).toEqual({ "openai-chat": { stream_options: { include_obfuscation: false } } });
  });

  it("keeps unmapped fields for a Chat upstream and warns about n > 1", () => {
    const { request, warnings } = decode({ messages, seed: 7, logprobs: true, top_logprobs: 2, n: 3 });
    expect(request.extensions).toEqual({ "openai-chat": { seed: 7, logprobs: true, top_logprobs: 2 } });
    expect(warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "n" })]);
  });
});
