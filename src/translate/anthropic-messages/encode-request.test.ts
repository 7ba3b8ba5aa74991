import { describe, expect, it } from "vitest";
import type { Request } from "../../ir/request.js";
import { encodeRequest } from "./encode-request.js";

const cache = { type: "ephemeral" };

function request(fields: Partial<Request>): Request {
  return {
    model: "client-model",
    system: [],
    messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
    tools: [],
    stream: false,
    ...fields,
  };
}

describe("encodeRequest (IR → Anthropic)", () => {
  it("writes the upstream model, a default max_tokens and system blocks with cache_control", () => {
    const { body, warnings } = encodeRequest(
      request({
        system: [{ type: "text", text: "Be brief.", extensions: { "anthropic-messages": { cache_control: cache } } }],
      }),
      { model: "claude-sonnet-4-6" },
    );
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 32000,
      system: [{ type: "text", text: "Be brief.", cache_control: cache }],
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
    });
  });

  it("hoists system messages that come before the first turn", () => {
    const { body } = encodeRequest(
      request({
        system: [{ type: "text", text: "A" }],
        messages: [
          { role: "system", content: [{ type: "text", text: "B" }], developer: true },
          { role: "user", content: [{ type: "text", text: "Hi" }] },
        ],
      }),
      { model: "claude-sonnet-4-6" },
    );
    expect(body.system).toEqual([
      { type: "text", text: "A" },
      { type: "text", text: "B" },
    ]);
    expect(body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  const lateSystem = request({
    messages: [
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      { role: "system", content: [{ type: "text", text: "Mode: print" }] },
    ],
  });

  it("sends a later system message as role system to a model that accepts it", () => {
    const { body, warnings } = encodeRequest(lateSystem, { model: "claude-opus-4-8" });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      { role: "system", content: [{ type: "text", text: "Mode: print" }] },
    ]);
    expect(warnings).toEqual([]);
  });

  it("folds a later system message into the user turn as a system-reminder for other models, with a warning", () => {
    const { body, warnings } = encodeRequest(lateSystem, { model: "claude-sonnet-4-6" });
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Hi" },
          { type: "text", text: "<system-reminder>\nMode: print\n</system-reminder>" },
        ],
      },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ type: "compatibility", feature: "messages[1] system message" }),
    ]);
  });

  it("merges tool results and the following user message into one user turn, results first", () => {
    const { body } = encodeRequest(
      request({
        messages: [
          { role: "user", content: [{ type: "text", text: "weather?" }] },
          {
            role: "assistant",
            content: [
              { type: "tool-call", id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}', kind: "function" },
            ],
          },
          {
            role: "tool",
            content: [
              {
                type: "tool-result",
                callId: "toolu_1",
                name: "get_weather",
                content: [{ type: "text", text: "18°C" }],
                isError: true,
              },
            ],
          },
          { role: "user", content: [{ type: "text", text: "thanks" }] },
        ],
      }),
      { model: "claude-sonnet-4-6" },
    );
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "weather?" }] },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "18°C" }], is_error: true },
          { type: "text", text: "thanks" },
        ],
      },
    ]);
  });

  it("drops what Anthropic cannot take, each with a warning", () => {
    const { body, warnings } = encodeRequest(
      request({
        tools: [
          { kind: "protocol", protocol: "openai-responses", type: "web_search", raw: { type: "web_search" } },
          { kind: "custom", name: "apply_patch" },
          { kind: "function", name: "exec", namespace: "functions", inputSchema: {} },
          {
            kind: "function",
            name: "Read",
            inputSchema: { type: "object" },
            extensions: { "anthropic-messages": { cache_control: cache } },
          },
          {
            kind: "protocol",
            protocol: "anthropic-messages",
            type: "web_search_20250305",
            raw: { type: "web_search_20250305", name: "web_search" },
          },
        ],
        messages: [
          { role: "user", content: [{ type: "text", text: "Hi" }] },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "summary", encryptedContent: "gAAAA", id: "rs_1" },
              { type: "reasoning", text: "no signature" },
              { type: "tool-call", id: "call_1", name: "apply_patch", input: "*** Begin Patch", kind: "custom" },
              { type: "text", text: "done" },
            ],
          },
        ],
      }),
      { model: "claude-sonnet-4-6" },
    );
    expect(body.tools).toEqual([
      { name: "Read", input_schema: { type: "object" }, cache_control: cache },
      { type: "web_search_20250305", name: "web_search" },
    ]);
    expect((body.messages as unknown[])[1]).toEqual({ role: "assistant", content: [{ type: "text", text: "done" }] });
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "messages[1].content[0] reasoning",
      "messages[1].content[1] reasoning",
      "messages[1].content[2] tool call apply_patch",
      "tools[0] web_search",
      "tools[1] apply_patch",
      "tools[2] exec",
    ]);
  });

  it("round-trips signed and redacted thinking", () => {
    const { body } = encodeRequest(
      request({
        messages: [
          { role: "user", content: [{ type: "text", text: "Hi" }] },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "hmm", signature: "sig" },
              { type: "reasoning", text: "", redactedData: "opaque" },
            ],
          },
        ],
      }),
      { model: "m" },
    );
    expect((body.messages as unknown[])[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "hmm", signature: "sig" },
        { type: "redacted_thinking", data: "opaque" },
      ],
    });
  });

  it.each([
    [{ enabled: true, budgetTokens: 4096 }, { thinking: { type: "enabled", budget_tokens: 4096 } }],
    [{ enabled: false }, { thinking: { type: "disabled" } }],
    [
      { enabled: true, adaptive: true, effort: "high" },
      { thinking: { type: "adaptive" }, output_config: { effort: "high" } },
    ],
    [{ effort: "medium" }, { thinking: { type: "adaptive" }, output_config: { effort: "medium" } }],
    [{ effort: "none" }, { thinking: { type: "disabled" } }],
  ] as const)("encodes reasoning %j for a current model", (reasoning, expected) => {
    const model = "budgetTokens" in reasoning ? "claude-sonnet-4-6" : "claude-opus-4-8";
    const { body, warnings } = encodeRequest(request({ reasoning: { ...reasoning } }), { model });
    expect(warnings).toEqual([]);
    expect({ thinking: body.thinking, output_config: body.output_config }).toEqual({
      output_config: undefined,
      ...expected,
    });
  });

  it("encodes minimal effort as low, with a warning", () => {
    const { body, warnings } = encodeRequest(request({ reasoning: { effort: "minimal" } }), { model: "m" });
    expect(body.output_config).toEqual({ effort: "low" });
    expect(warnings).toEqual([expect.objectContaining({ feature: "reasoning.effort" })]);
  });

  it("encodes tool choice, parallel calls, response format, user and sampling settings", () => {
    const schema = { type: "object" };
    const { body } = encodeRequest(
      request({
        tools: [{ kind: "function", name: "Read", inputSchema: schema }],
        toolChoice: { type: "required" },
        parallelToolCalls: false,
        responseFormat: { type: "json_schema", name: "title", schema, strict: true },
        user: "u1",
        maxOutputTokens: 100,
        temperature: 0,
        topP: 1,
        topK: 5,
        stopSequences: ["END"],
        stream: true,
      }),
      { model: "m" },
    );
    expect(body).toMatchObject({
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      output_config: { format: { type: "json_schema", schema } },
      metadata: { user_id: "u1" },
      max_tokens: 100,
      temperature: 0,
      top_p: 1,
      top_k: 5,
      stop_sequences: ["END"],
      stream: true,
    });
  });

  it("merges Anthropic-only fields back under their names", () => {
    const { body } = encodeRequest(
      request({
        reasoning: { enabled: true, adaptive: true, effort: "high" },
        extensions: {
          "anthropic-messages": {
            context_management: { edits: [] },
            thinking: { display: "omitted" },
            output_config: { task_budget: 5 },
          },
          "openai-responses": { store: false },
        },
      }),
      { model: "m" },
    );
    expect(body).toMatchObject({
      context_management: { edits: [] },
      thinking: { type: "adaptive", display: "omitted" },
      output_config: { effort: "high", task_budget: 5 },
    });
    expect(body.store).toBeUndefined();
  });
});
