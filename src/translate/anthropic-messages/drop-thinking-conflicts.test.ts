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
