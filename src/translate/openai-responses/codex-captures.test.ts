import { describe, expect, it } from "vitest";
import type { ToolMessage } from "../../ir/message.js";
import { protocol } from "../../protocols/openai-responses/index.js";
import { decodeRequest } from "./decode-request.js";
import { encodeRequest } from "./encode-request.js";
import { readJsonFixture } from "./testing/fixtures.js";

// Real second-turn requests of Codex 0.169.0 (see __fixtures__/README.md).
const captures = ["gpt-5.1-codex", "gpt-5.5", "gpt-6.1-sol"].map((model) => ({
  model,
  body: readJsonFixture(`codex-${model}-second-turn-captured.1.json`),
}));

describe("real Codex requests", () => {
  it.each(captures)("$model: validates, decodes without warnings and re-encodes to an equal body", ({ body }) => {
    expect(protocol.parseRequest(body)).toBe(body);
    const { request, warnings } = decodeRequest(body);
    expect(warnings).toEqual([]);
    expect(encodeRequest(request, { model: String(body.model) }).body).toEqual(body);
  });

  it("gpt-5.1-codex: 9 top-level tools with a namespace group and web_search", () => {
    const body = captures[0]?.body as { tools: Array<{ type: string }> };
    expect(body.tools).toHaveLength(9);
    expect(body.tools.map((tool) => tool.type)).toEqual(
      expect.arrayContaining(["function", "namespace", "web_search"]),
    );
    const { request } = decodeRequest(captures[0]?.body ?? {});
    expect(request.tools.some((tool) => tool.kind === "function" && tool.namespace === "multi_agent_v1")).toBe(true);
    expect(request.messages.at(-1)).toMatchObject({ role: "tool", content: [{ kind: "function", callId: "call_f" }] });
  });

  it("gpt-5.5: freeform apply_patch, client tool_search, low verbosity; the patch call comes back as custom", () => {
    const { request } = decodeRequest(captures[1]?.body ?? {});
    expect(request.tools.find((tool) => tool.kind === "custom")).toMatchObject({
      name: "apply_patch",
      format: { type: "grammar", syntax: "lark" },
    });
    expect(request.tools.find((tool) => tool.kind === "protocol" && tool.type === "tool_search")).toMatchObject({
      raw: { execution: "client" },
    });
    expect(request.verbosity).toBe("low");
    expect(request.messages.at(-2)).toMatchObject({
      role: "assistant",
      content: [{ type: "tool-call", kind: "custom", name: "apply_patch" }],
    });
  });

  it("gpt-6.1-sol: tools only in additional_tools, code-mode exec call, output as input_text parts", () => {
    const body = captures[2]?.body as { tools?: unknown; input: Array<{ type?: string; id?: string }> };
    expect(body.tools).toBeUndefined();
    expect(body.input[0]).toMatchObject({ type: "additional_tools", id: expect.stringMatching(/^at_/) });
    const { request } = decodeRequest(captures[2]?.body ?? {});
    expect(request.tools.find((tool) => tool.kind === "custom")).toMatchObject({
      name: "exec",
      namespace: "functions",
    });
    expect(request.messages.at(-2)).toMatchObject({
      role: "assistant",
      content: [
        { type: "reasoning", encryptedContent: "enc-1" },
        { type: "tool-call", kind: "custom", namespace: "functions", name: "exec" },
      ],
    });
    const result = (request.messages.at(-1) as ToolMessage).content[0];
    expect(Array.isArray(result?.content) && result.content.every((part) => part.type === "text")).toBe(true);
    expect(request.reasoning).toEqual({ effort: "low" });
    expect(request.extensions?.["openai-responses"]?.reasoningFields).toEqual({ context: "all_turns" });
  });
});
