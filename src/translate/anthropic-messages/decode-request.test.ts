import { describe, expect, it } from "vitest";
import { decodeRequest } from "./decode-request.js";

const base = { model: "claude-opus-4-8", max_tokens: 64000 };
const cache = { type: "ephemeral" };

describe("decodeRequest (Anthropic → IR)", () => {
  it("warns about documents in tool results and non-text blocks in system messages", () => {
    const document = { type: "document", source: { type: "text", media_type: "text/plain", data: "d" } };
    const { request, warnings } = decodeRequest({
      ...base,
      messages: [
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "t", content: [{ type: "text", text: "ok" }, document] }],
        },
        { role: "system", content: [{ type: "text", text: "s" }, document] },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: "tool",
        content: [{ type: "tool-result", callId: "t", kind: "function", content: [{ type: "text", text: "ok" }] }],
      },
      { role: "system", content: [{ type: "text", text: "s" }] },
    ]);
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "messages.0.content.0.content.1 document",
      "messages.1.content system message",
    ]);
  });

  it("decodes a Claude Code style request: system blocks with cache_control, a trailing system message", () => {
    const { request, warnings } = decodeRequest({
      ...base,
      stream: true,
      system: [
        { type: "text", text: "You are Claude Code." },
        { type: "text", text: "Env", cache_control: cache },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "<system-reminder>ctx</system-reminder>" },
            { type: "text", text: "hi", cache_control: cache },
          ],
        },
        { role: "system", content: "Mode: print" },
      ],
      metadata: { user_id: "user_abc" },
      thinking: { type: "adaptive" },
      output_config: { effort: "high" },
      context_management: { edits: [{ type: "clear_thinking_20251015" }] },
    });
    expect(warnings).toEqual([]);
    expect(request.system).toEqual([
      { type: "text", text: "You are Claude Code." },
      { type: "text", text: "Env", extensions: { "anthropic-messages": { cache_control: cache } } },
    ]);
    expect(request.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "<system-reminder>ctx</system-reminder>" },
          { type: "text", text: "hi", extensions: { "anthropic-messages": { cache_control: cache } } },
        ],
      },
      { role: "system", content: [{ type: "text", text: "Mode: print" }] },
    ]);
    expect(request.user).toBe("user_abc");
    expect(request.stream).toBe(true);
    expect(request.maxOutputTokens).toBe(64000);
    expect(request.reasoning).toEqual({ enabled: true, adaptive: true, effort: "high" });
    expect(request.extensions).toEqual({
      "anthropic-messages": { context_management: { edits: [{ type: "clear_thinking_20251015" }] } },
    });
  });

  it("decodes a string system prompt and sampling settings", () => {
    const { request } = decodeRequest({
      ...base,
      system: "Be brief.",
      messages: [{ role: "user", content: "Hi" }],
      stop_sequences: ["END"],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
    });
    expect(request.system).toEqual([{ type: "text", text: "Be brief." }]);
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
    expect(request).toMatchObject({ stopSequences: ["END"], temperature: 0.2, topP: 0.9, topK: 40 });
  });

  it("decodes images and documents", () => {
    const { request } = decodeRequest({
      ...base,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBOR" } },
            { type: "image", source: { type: "url", url: "https://example.com/a.jpg" } },
            {
              type: "document",
              source: { type: "base64", media_type: "application/pdf", data: "JVBER" },
              title: "spec.pdf",
            },
            {
              type: "document",
              source: { type: "text", media_type: "text/plain", data: "notes" },
              citations: { enabled: true },
            },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBOR" } },
      { type: "image", source: { kind: "url", url: "https://example.com/a.jpg" } },
      { type: "file", source: { kind: "base64", mediaType: "application/pdf", data: "JVBER" }, filename: "spec.pdf" },
      {
        type: "file",
        source: { kind: "text", text: "notes" },
        extensions: { "anthropic-messages": { citations: { enabled: true } } },
      },
    ]);
  });

  it("splits a user turn into tool results then the other blocks, naming each result's tool", () => {
    const { request } = decodeRequest({
      ...base,
      messages: [
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "need a tool", signature: "sig1" },
            { type: "redacted_thinking", data: "opaque" },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "18°C" },
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              is_error: true,
              content: [
                { type: "text", text: "t" },
                { type: "image", source: { type: "url", url: "u" } },
              ],
            },
            { type: "text", text: "thanks" },
          ],
        },
      ],
    });
    expect(request.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "need a tool", signature: "sig1" },
          { type: "reasoning", text: "", redactedData: "opaque" },
          { type: "tool-call", id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}', kind: "function" },
        ],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", callId: "toolu_1", name: "get_weather", content: "18°C", kind: "function" },
          {
            type: "tool-result",
            callId: "toolu_1",
            name: "get_weather",
            kind: "function",
            isError: true,
            content: [
              { type: "text", text: "t" },
              { type: "image", source: { kind: "url", url: "u" } },
            ],
          },
        ],
      },
      { role: "user", content: [{ type: "text", text: "thanks" }] },
    ]);
  });

  it("decodes function tools with cache_control and keeps server tools verbatim", () => {
    const webSearch = { type: "web_search_20250305", name: "web_search", max_uses: 5 };
    const { request } = decodeRequest({
      ...base,
      messages: [{ role: "user", content: "x" }],
      tools: [
        { name: "Read", description: "Reads a file", input_schema: { type: "object" }, cache_control: cache },
        webSearch,
      ],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
    });
    expect(request.tools).toEqual([
      {
        kind: "function",
        name: "Read",
        description: "Reads a file",
        inputSchema: { type: "object" },
        extensions: { "anthropic-messages": { cache_control: cache } },
      },
      { kind: "protocol", protocol: "anthropic-messages", type: "web_search_20250305", raw: webSearch },
    ]);
    expect(request.toolChoice).toEqual({ type: "required" });
    expect(request.parallelToolCalls).toBe(false);
  });

  it.each([
    [{ type: "auto" }, { type: "auto" }],
    [{ type: "none" }, { type: "none" }],
    [
      { type: "tool", name: "Read" },
      { type: "tool", name: "Read" },
    ],
  ])("decodes tool_choice %j", (choice, expected) => {
    const { request } = decodeRequest({ ...base, messages: [{ role: "user", content: "x" }], tool_choice: choice });
    expect(request.toolChoice).toEqual(expected);
    expect(request.parallelToolCalls).toBeUndefined();
  });

  it.each([
    [{ thinking: { type: "enabled", budget_tokens: 2048 } }, { enabled: true, budgetTokens: 2048 }],
    [{ thinking: { type: "disabled" } }, { enabled: false }],
    [{ output_config: { effort: "max" } }, { effort: "max" }],
  ])("decodes thinking settings %j", (fields, reasoning) => {
    expect(decodeRequest({ ...base, messages: [{ role: "user", content: "x" }], ...fields }).request.reasoning).toEqual(
      reasoning,
    );
  });

  it("decodes structured output and keeps the parts of known objects the IR has no place for", () => {
    const schema = { type: "object", properties: { title: { type: "string" } } };
    const { request } = decodeRequest({
      ...base,
      messages: [{ role: "user", content: "x" }],
      thinking: { type: "enabled", budget_tokens: 1024, display: "omitted" },
      output_config: { effort: "high", format: { type: "json_schema", schema } },
      service_tier: "auto",
    });
    expect(request.responseFormat).toEqual({ type: "json_schema", schema });
    expect(request.extensions).toEqual({
      "anthropic-messages": { service_tier: "auto", thinking: { display: "omitted" } },
    });
  });

  it("drops blocks the IR cannot hold, with a warning naming them", () => {
    const { request, warnings } = decodeRequest({
      ...base,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "a" },
            { type: "image", source: { type: "file", file_id: "file_1" } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} },
            { type: "text", text: "b" },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "a" }] },
      { role: "assistant", content: [{ type: "text", text: "b" }] },
    ]);
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "messages.0.content.1 image source file",
      "messages.1.content.0 server_tool_use",
    ]);
  });
});
