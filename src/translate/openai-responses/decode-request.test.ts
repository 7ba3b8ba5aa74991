import { describe, expect, it } from "vitest";
import type { AssistantMessage, SystemMessage, ToolMessage, UserMessage } from "../../ir/message.js";
import type { CustomTool, FunctionTool, ProtocolTool } from "../../ir/tool.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";
import { readJsonFixture } from "./testing/fixtures.js";

describe("decodeRequest: Codex gpt-5.1-codex (9 top-level tools)", () => {
  const { request, warnings } = decodeRequest(readJsonFixture("codex-gpt-5.1-codex.1.json"));

  it("flattens the namespace group and keeps web_search as a protocol tool", () => {
    expect(request.tools).toHaveLength(10);
    const spawn = request.tools.find((tool) => tool.kind === "function" && tool.name === "spawn_agent") as FunctionTool;
    expect(spawn.namespace).toBe("multi_agent_v1");
    expect(spawn.extensions?.["openai-responses"]?.namespaceDescription).toBe("Spawn and coordinate sub-agents.");
    const webSearch = request.tools.at(-1) as ProtocolTool;
    expect(webSearch).toEqual({
      kind: "protocol",
      protocol: "openai-responses",
      type: "web_search",
      raw: { type: "web_search", external_web_access: false },
    });
    const exec = request.tools[0] as FunctionTool;
    expect(exec).toMatchObject({
      kind: "function",
      name: "exec_command",
      strict: false,
      inputSchema: { type: "object" },
    });
  });

  it("takes the leading developer message as system and the user turn as a message", () => {
    expect(request.system).toHaveLength(1);
    expect(request.system[0]?.text).toContain("danger-full-access");
    const user = request.messages[0] as UserMessage;
    expect(user.role).toBe("user");
    expect(user.content.map((part) => part.type === "text" && part.text)).toEqual([
      expect.stringContaining("<cwd>"),
      "Create hello.txt containing hi",
    ]);
  });

  it("gathers reasoning and the function call into one assistant turn, the output into a tool turn", () => {
    const assistant = request.messages[1] as AssistantMessage;
    expect(assistant.content[0]).toMatchObject({
      type: "reasoning",
      id: "rs_0001",
      text: "**Creating the file**",
      encryptedContent: "gAAAA-redacted-encrypted-blob-1",
    });
    expect(assistant.content[1]).toEqual({
      type: "tool-call",
      id: "call_exec_1",
      name: "exec_command",
      input: '{"cmd":"printf hi > hello.txt"}',
      kind: "function",
    });
    const tool = request.messages[2] as ToolMessage;
    expect(tool.content[0]).toMatchObject({
      type: "tool-result",
      callId: "call_exec_1",
      kind: "function",
      content: expect.stringContaining("exited with code 0"),
    });
  });

  it("maps the settings and keeps Codex's other fields for a Responses upstream", () => {
    expect(request).toMatchObject({
      model: "gpt-5.1-codex",
      stream: true,
      parallelToolCalls: true,
      toolChoice: { type: "auto" },
      reasoning: { summary: "auto" },
      // The IR carries the cache key, so that a Chat upstream gets it too.
      promptCacheKey: expect.stringMatching(/./),
    });
    expect(request.extensions?.["openai-responses"]?.fields).toMatchObject({
      store: false,
      include: ["reasoning.encrypted_content"],
      client_metadata: { "x-codex-turn-id": "turn-1" },
      tool_choice: "auto",
    });
    expect(warnings).toEqual([]);
  });
});

describe("decodeRequest: Codex gpt-5.5 (freeform apply_patch, client tool_search)", () => {
  const { request } = decodeRequest(readJsonFixture("codex-gpt-5.5.1.json"));

  it("reads the custom tool with its lark grammar and tool_search as a protocol tool", () => {
    const patch = request.tools.find((tool) => tool.kind === "custom") as CustomTool;
    expect(patch.name).toBe("apply_patch");
    expect(patch.format).toMatchObject({
      type: "grammar",
      syntax: "lark",
      definition: expect.stringContaining("begin_patch"),
    });
    expect(request.tools.find((tool) => tool.kind === "protocol" && tool.type === "tool_search")).toMatchObject({
      raw: { execution: "client" },
    });
    expect(request.verbosity).toBe("low");
  });

  it("reads custom_tool_call and its output as custom call and result", () => {
    const assistant = request.messages[1] as AssistantMessage;
    expect(assistant.content[1]).toEqual({
      type: "tool-call",
      id: "call_patch_1",
      name: "apply_patch",
      input: expect.stringContaining("*** Add File: hello.txt"),
      kind: "custom",
    });
    expect((request.messages[2] as ToolMessage).content[0]).toMatchObject({
      callId: "call_patch_1",
      kind: "custom",
      content: expect.stringContaining("Success"),
    });
  });
});

describe("decodeRequest: Codex gpt-6.1-sol (additional_tools, code mode)", () => {
  const { request, warnings } = decodeRequest(readJsonFixture("codex-gpt-6.1-sol.1.json"));

  it("merges the additional_tools namespace groups into the tools, marked for the way back", () => {
    const names = request.tools.map((tool) =>
      tool.kind === "protocol" ? tool.type : `${tool.namespace}.${tool.name}`,
    );
    expect(names).toEqual([
      "functions.exec",
      "functions.wait",
      "functions.request_user_input",
      "clock.now",
      "collaboration.update_plan",
    ]);
    expect(request.tools[0]).toMatchObject({
      kind: "custom",
      namespace: "functions",
      extensions: { "openai-responses": { additional: true } },
    });
  });

  it("reads the namespaced custom call and the output given as input_text parts", () => {
    const assistant = request.messages[1] as AssistantMessage;
    expect(assistant.content[1]).toMatchObject({
      type: "tool-call",
      id: "call_code_1",
      name: "exec",
      namespace: "functions",
      kind: "custom",
    });
    const result = (request.messages[2] as ToolMessage).content[0];
    expect(result?.content).toEqual([
      { type: "text", text: "Script completed\n" },
      { type: "text", text: "Wall time 0.1 seconds\n" },
    ]);
  });

  it("keeps configuration_update beside the next part and says so in a warning", () => {
    expect(warnings).toEqual([
      { type: "compatibility", feature: "input.1 configuration_update", detail: expect.any(String) },
    ]);
    expect(request.system[0]?.extensions?.["openai-responses"]?.itemsBefore).toEqual([
      { type: "configuration_update", settings: { sandbox: "danger-full-access" } },
    ]);
  });
});

describe("decodeRequest: other shapes", () => {
  it("reads instructions and a string input", () => {
    const { request } = decodeRequest({ model: "gpt-5", instructions: "Be brief.", input: "Hello" });
    expect(request.system).toEqual([
      { type: "text", text: "Be brief.", extensions: { "openai-responses": { role: "instructions" } } },
    ]);
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hello" }] }]);
  });

  it("turns a later developer or system message into an IR system message", () => {
    const { request } = decodeRequest({
      model: "m",
      input: [
        { role: "user", content: "a" },
        { role: "developer", content: "mid-conversation rule" },
        { role: "system", content: [{ type: "input_text", text: "old style" }] },
      ],
    });
    expect(request.system).toEqual([]);
    expect(request.messages[1]).toMatchObject({
      role: "system",
      developer: true,
      content: [{ type: "text", text: "mid-conversation rule" }],
    });
    const system = request.messages[2] as SystemMessage;
    expect(system.developer).toBeUndefined();
  });

  it("reads images (data URL and url, with detail), files, refusals and annotations", () => {
    const { request } = decodeRequest({
      model: "m",
      input: [
        {
          role: "user",
          content: [
            { type: "input_image", image_url: "data:image/png;base64,iVBORw0K", detail: "high" },
            { type: "input_image", image_url: "https://example.com/a.jpg", detail: "auto" },
            { type: "input_file", filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0" },
          ],
        },
        {
          type: "message",
          role: "assistant",
          content: [
            {
              type: "output_text",
              text: "See [1]",
              annotations: [{ type: "url_citation", url: "https://x", start_index: 0, end_index: 3, title: "x" }],
            },
            { type: "refusal", refusal: "I can't help with that." },
          ],
        },
      ],
    });
    expect((request.messages[0] as UserMessage).content).toEqual([
      { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBORw0K" }, detail: "high" },
      { type: "image", source: { kind: "url", url: "https://example.com/a.jpg" }, detail: "auto" },
      { type: "file", source: { kind: "base64", mediaType: "application/pdf", data: "JVBERi0" }, filename: "a.pdf" },
    ]);
    const assistant = request.messages[1] as AssistantMessage;
    expect(assistant.content[0]?.extensions?.["openai-responses"]?.annotations).toHaveLength(1);
    expect(assistant.content[1]).toMatchObject({
      type: "text",
      text: "I can't help with that.",
      extensions: { "openai-responses": { refusal: true } },
    });
  });

  it("reads a function output given as input_text and input_image parts", () => {
    const { request } = decodeRequest({
      model: "m",
      input: [
        { type: "function_call", call_id: "c", name: "view_image", arguments: "{}" },
        {
          type: "function_call_output",
          call_id: "c",
          output: [
            { type: "input_text", text: "here" },
            { type: "input_image", image_url: "https://x/i.png" },
          ],
        },
      ],
    });
    expect((request.messages[1] as ToolMessage).content[0]?.content).toEqual([
      { type: "text", text: "here" },
      { type: "image", source: { kind: "url", url: "https://x/i.png" } },
    ]);
  });

  it("maps reasoning effort, text format, max_output_tokens, tool_choice and the user id", () => {
    const { request } = decodeRequest({
      model: "m",
      input: "x",
      reasoning: { effort: "high", summary: "detailed" },
      text: {
        format: { type: "json_schema", name: "title", schema: { type: "object" }, strict: true },
        verbosity: "medium",
      },
      max_output_tokens: 2048,
      tool_choice: { type: "custom", name: "apply_patch" },
      safety_identifier: "user-42",
      temperature: 0.2,
    });
    expect(request).toMatchObject({
      reasoning: { effort: "high", summary: "detailed" },
      responseFormat: { type: "json_schema", name: "title", schema: { type: "object" }, strict: true },
      verbosity: "medium",
      maxOutputTokens: 2048,
      toolChoice: { type: "tool", name: "apply_patch" },
      user: "user-42",
      temperature: 0.2,
    });
  });

  it("warns that previous_response_id cannot be honoured, and keeps it", () => {
    const { request, warnings } = decodeRequest({ model: "m", input: "x", previous_response_id: "resp_123" });
    expect(warnings).toEqual([{ type: "unsupported", feature: "previous_response_id", detail: expect.any(String) }]);
    expect(request.extensions?.["openai-responses"]?.fields).toEqual({ previous_response_id: "resp_123" });
  });

  it("drops images by file id with a warning, and reports each unknown item type once", () => {
    const { warnings, request } = decodeRequest({
      model: "m",
      input: [
        { role: "user", content: [{ type: "input_image", file_id: "file_1", detail: "auto" }] },
        { type: "tool_search_call", call_id: "t1", arguments: { query: "x" } },
        { type: "tool_search_output", call_id: "t1", tools: [] },
        { type: "tool_search_call", call_id: "t2", arguments: { query: "y" } },
      ],
    });
    expect(warnings.map((warning) => warning.feature)).toEqual([
      "input.0.content.0 input_image.file_id",
      "input.1 tool_search_call",
      "input.2 tool_search_output",
    ]);
    // Nothing follows them, so they ride after the last part (here there is none: kept on the request).
    expect(request.extensions?.["openai-responses"]?.strayItems).toHaveLength(3);
  });
});

describe("decodeRequest: instruction content", () => {
  it("warns when a developer message carries an image, which the IR system text cannot hold", () => {
    const { request, warnings } = decodeRequest({
      model: "m",
      input: [
        {
          role: "developer",
          content: [
            { type: "input_text", text: "rules" },
            { type: "input_image", image_url: "https://x/i.png" },
          ],
        },
      ],
    });
    expect(request.system.map((part) => part.text)).toEqual(["rules"]);
    expect(warnings).toEqual([
      { type: "unsupported", feature: "input.0 developer content", detail: expect.any(String) },
    ]);
  });
});

describe("decodeRequest: reasoning given only as raw content", () => {
  it("takes the reasoning_text as the text and restores the item as it was", () => {
    const item = {
      type: "reasoning",
      id: "rs_oss",
      summary: [],
      content: [{ type: "reasoning_text", text: "step 1" }],
    };
    const body = { model: "gpt-oss-120b", input: [{ role: "user", content: "q" }, item] };
    const { request } = decodeRequest(body);
    expect((request.messages[1] as AssistantMessage).content[0]).toMatchObject({
      type: "reasoning",
      text: "step 1",
      id: "rs_oss",
    });
    expect(encodeRequest(request, { model: "gpt-oss-120b" }).body.input).toEqual([
      { type: "message", role: "user", content: "q" },
      item,
    ]);
  });
});
