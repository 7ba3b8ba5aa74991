import { describe, expect, it } from "vitest";
import type { Request } from "../../ir/request.js";
import { encodeRequest } from "./encode-request.js";

const base: Request = {
  model: "gpt-5",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  stream: false,
  tools: [],
};
const sampling = { temperature: 0.2, topK: 5, topP: 0.5, toolChoice: { type: "required" as const } };
const tools = [{ kind: "function" as const, name: "Read", inputSchema: { type: "object" } }];

describe("settings Anthropic refuses together with thinking", () => {
  it("are dropped with warnings when thinking is on", () => {
    const { body, warnings } = encodeRequest(
      { ...base, ...sampling, tools, reasoning: { effort: "high" } },
      { model: "claude-opus-4-8" },
    );
    expect(body).toMatchObject({ thinking: { type: "adaptive" }, tool_choice: { type: "auto" } });
    expect([body.temperature, body.top_k, body.top_p]).toEqual([undefined, undefined, undefined]);
    expect(warnings.map((warning) => warning.feature)).toEqual(["temperature", "top_k", "top_p", "tool_choice"]);
  });

  it("are kept when thinking is off", () => {
    const { body, warnings } = encodeRequest(
      { ...base, ...sampling, tools, reasoning: { enabled: false } },
      { model: "claude-opus-4-8" },
    );
    expect(body).toMatchObject({ temperature: 0.2, top_k: 5, top_p: 0.5, tool_choice: { type: "any" } });
    expect(warnings).toEqual([]);
  });
});

describe("thinking during a tool-use turn whose reasoning cannot come back", () => {
  const toolTurn = (reasoning: Array<{ type: "reasoning"; text: string; signature?: string }>): Request => ({
    ...base,
    tools,
    reasoning: { enabled: true },
    messages: [
      { role: "user", content: [{ type: "text", text: "Read it" }] },
      {
        role: "assistant",
        content: [...reasoning, { type: "tool-call", id: "toolu_1", name: "Read", input: "{}", kind: "function" }],
      },
      { role: "tool", content: [{ type: "tool-result", callId: "toolu_1", content: "file text" }] },
    ],
  });

  it("is turned off with a warning: Anthropic refuses a tool-use turn without its thinking block", () => {
    // A Chat client sent back reasoning text only; Anthropic's signature was lost on the way.
    const { body, warnings } = encodeRequest(toolTurn([{ type: "reasoning", text: "Let me read." }]), {
      model: "claude-sonnet-4-5",
    });
    expect(body.thinking).toEqual({ type: "disabled" });
    expect(warnings.map((warning) => warning.feature)).toContain("thinking");
  });

  it("stays on when the signed thinking block comes back", () => {
    const { body, warnings } = encodeRequest(
      toolTurn([{ type: "reasoning", text: "Let me read.", signature: "EqQBCkYIBxgC" }]),
      { model: "claude-sonnet-4-5" },
    );
    expect(body.thinking).toMatchObject({ type: "enabled" });
    expect(warnings.map((warning) => warning.feature)).not.toContain("thinking");
  });
});
