import { describe, expect, it } from "vitest";
import type { Request } from "../../ir/request.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";
import { readJsonFixture } from "./testing/fixtures.js";

describe("encodeRequest: Codex bodies come back byte for byte", () => {
  it.each(["codex-gpt-5.1-codex.1.json", "codex-gpt-5.5.1.json", "codex-gpt-6.1-sol.1.json"])("%s", (name) => {
    const body = readJsonFixture(name);
    const { request } = decodeRequest(body);
    const encoded = encodeRequest(request, { model: String(body.model) });
    expect(encoded.warnings).toEqual([]);
    expect(encoded.body).toEqual(body);
    expect(Object.keys(encoded.body).sort()).toEqual(Object.keys(body).sort());
  });

  it("puts the additional_tools item first, as Codex does, and renames the model", () => {
    const { request } = decodeRequest(readJsonFixture("codex-gpt-6.1-sol.1.json"));
    const { body } = encodeRequest(request, { model: "gpt-6.1-sol-upstream" });
    expect(body.model).toBe("gpt-6.1-sol-upstream");
    expect(body.tools).toBeUndefined();
    expect((body.input as Array<{ type: string }>)[0]?.type).toBe("additional_tools");
  });
});

function baseRequest(overrides: Partial<Request>): Request {
  return { model: "claude-sonnet-4.5", system: [], messages: [], tools: [], stream: true, ...overrides };
}

describe("encodeRequest: a request decoded from another API", () => {
  it("writes system text as instructions and groups namespaced tools", () => {
    const { body, warnings } = encodeRequest(
      baseRequest({
        system: [{ type: "text", text: "You are Claude Code." }],
        messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
        tools: [
          { kind: "function", name: "Read", inputSchema: { type: "object" } },
          { kind: "function", name: "spawn", namespace: "agents", inputSchema: { type: "object" } },
          { kind: "custom", name: "exec", namespace: "agents", format: { type: "text" } },
        ],
        toolChoice: { type: "tool", name: "exec" },
        maxOutputTokens: 64000,
        reasoning: { effort: "max", adaptive: true },
        user: "user-1",
      }),
      { model: "gpt-5.1-codex" },
    );
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      model: "gpt-5.1-codex",
      instructions: "You are Claude Code.",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }],
      tools: [
        { type: "function", name: "Read", parameters: { type: "object" }, strict: false },
        {
          type: "namespace",
          name: "agents",
          description: "",
          tools: [
            { type: "function", name: "spawn", parameters: { type: "object" }, strict: false },
            { type: "custom", name: "exec", format: { type: "text" } },
          ],
        },
      ],
      tool_choice: { type: "custom", name: "exec" },
      max_output_tokens: 64000,
      reasoning: { effort: "xhigh" },
      include: ["reasoning.encrypted_content"],
      safety_identifier: "user-1",
      stream: true,
    });
  });

  it("maps an Anthropic thinking budget to an effort and asks for a reasoning summary", () => {
    const encode = (reasoning: Request["reasoning"]) =>
      encodeRequest(baseRequest({ reasoning }), { model: "gpt-5.1-codex" });
    const enabled = encode({ enabled: true, budgetTokens: 1024 });
    expect(enabled.body.reasoning).toEqual({ effort: "low", summary: "auto" });
    expect(enabled.warnings).toEqual([expect.objectContaining({ feature: "reasoning.budget_tokens" })]);
    expect(encode({ enabled: true, budgetTokens: 8192 }).body.reasoning).toEqual({ effort: "medium", summary: "auto" });
    expect(encode({ enabled: true, budgetTokens: 32000 }).body.reasoning).toEqual({ effort: "high", summary: "auto" });
    // Adaptive thinking leaves the effort to the model, but the summary is still wanted.
    expect(encode({ enabled: true, adaptive: true }).body.reasoning).toEqual({ summary: "auto" });
    expect(encode({ enabled: false }).body.reasoning).toEqual({ effort: "none" });
    expect(encode({ effort: "low", summary: "detailed" }).body.reasoning).toEqual({
      effort: "low",
      summary: "detailed",
    });
  });

  it("writes calls, results, images and system messages in order", () => {
    const { body } = encodeRequest(
      baseRequest({
        messages: [
          {
            role: "user",
            content: [{ type: "image", source: { kind: "base64", mediaType: "image/png", data: "AAA" } }],
          },
          {
            role: "assistant",
            content: [
              { type: "text", text: "Running." },
              { type: "tool-call", id: "toolu_1", name: "Bash", input: '{"command":"ls"}', kind: "function" },
            ],
          },
          { role: "tool", content: [{ type: "tool-result", callId: "toolu_1", content: "a.txt" }] },
          { role: "system", content: [{ type: "text", text: "Be careful." }] },
        ],
      }),
      { model: "m" },
    );
    expect(body.input).toEqual([
      {
        type: "message",
        role: "user",
        content: [{ type: "input_image", image_url: "data:image/png;base64,AAA", detail: "auto" }],
      },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Running.", annotations: [] }] },
      { type: "function_call", call_id: "toolu_1", name: "Bash", arguments: '{"command":"ls"}' },
      { type: "function_call_output", call_id: "toolu_1", output: "a.txt" },
      { type: "message", role: "system", content: [{ type: "input_text", text: "Be careful." }] },
    ]);
  });

  it("warns about what Responses cannot take", () => {
    const { body, warnings } = encodeRequest(
      baseRequest({
        messages: [{ role: "assistant", content: [{ type: "reasoning", text: "thinking", signature: "sig" }] }],
        tools: [
          {
            kind: "protocol",
            protocol: "anthropic-messages",
            type: "web_search_20250305",
            raw: { type: "web_search_20250305" },
          },
        ],
        topK: 5,
        stopSequences: ["END"],
      }),
      { model: "m" },
    );
    expect(body.input).toEqual([]);
    expect(body.tools).toBeUndefined();
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "tools.0 web_search_20250305",
      "reasoning",
      "top_k",
      "stop_sequences",
    ]);
  });

  it("writes a json_schema response format and verbosity under text", () => {
    const { body } = encodeRequest(
      baseRequest({
        responseFormat: { type: "json_schema", schema: { type: "object" } },
        verbosity: "low",
        stream: false,
      }),
      { model: "m" },
    );
    expect(body.text).toEqual({
      format: { type: "json_schema", name: "response", schema: { type: "object" } },
      verbosity: "low",
    });
    expect(body.stream).toBe(false);
  });
});

describe("encodeRequest: reasoning another API's client turned on", () => {
  const thinking = { enabled: true, budgetTokens: 2048 };
  const conversation = { messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }] };

  it("asks for encrypted reasoning, so the next tool-use turn can send it back", () => {
    const { body } = encodeRequest(baseRequest({ ...conversation, reasoning: thinking }), { model: "gpt-5" });
    expect(body.include).toEqual(["reasoning.encrypted_content"]);
  });

  it("does not ask when reasoning is off (models that do not reason refuse it)", () => {
    const off = encodeRequest(baseRequest({ ...conversation, reasoning: { enabled: false } }), { model: "gpt-5" });
    expect(off.body.include).toBeUndefined();
    expect(encodeRequest(baseRequest(conversation), { model: "gpt-4.1" }).body.include).toBeUndefined();
  });

  it("leaves a Responses client's own include as it chose", () => {
    const { request } = decodeRequest({ model: "gpt-5", input: "hi", reasoning: { effort: "low" }, include: [] });
    expect(encodeRequest(request, { model: "gpt-5" }).body.include).toEqual([]);
  });

  it("warns that a tool output's error flag has no Responses field", () => {
    const { body, warnings } = encodeRequest(
      baseRequest({
        messages: [
          ...conversation.messages,
          {
            role: "assistant",
            content: [{ type: "tool-call", id: "call_1", name: "get_weather", input: "{}", kind: "function" }],
          },
          { role: "tool", content: [{ type: "tool-result", callId: "call_1", content: "not found", isError: true }] },
        ],
      }),
      { model: "gpt-5" },
    );
    expect(body.input).toContainEqual({ type: "function_call_output", call_id: "call_1", output: "not found" });
    expect(warnings).toContainEqual(expect.objectContaining({ feature: "messages[2].content.0 is_error" }));
  });
});
