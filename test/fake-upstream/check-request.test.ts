import { describe, expect, it } from "vitest";
import { checkBody } from "./check-request.js";

const toolTurn = (assistantContent: unknown[]) => ({
  model: "claude-test",
  max_tokens: 1024,
  thinking: { type: "enabled", budget_tokens: 1024 },
  messages: [
    { role: "user", content: "Read it" },
    { role: "assistant", content: assistantContent },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "text" }] },
  ],
});
const toolUse = { type: "tool_use", id: "toolu_1", name: "Read", input: {} };

describe("checkBody: Anthropic thinking with tool use", () => {
  it("refuses a tool-use turn that does not open with its thinking block, as Anthropic does", () => {
    const rejection = checkBody("anthropic-messages", "application/json", toolTurn([toolUse]));
    expect(rejection?.status).toBe(400);
    expect(JSON.stringify(rejection?.body)).toContain("must start with a thinking block");
  });

  it("takes it with the thinking block, or with thinking off", () => {
    const thinking = { type: "thinking", thinking: "Let me read.", signature: "EqQB" };
    expect(checkBody("anthropic-messages", "application/json", toolTurn([thinking, toolUse]))).toBeUndefined();
    const off = { ...toolTurn([toolUse]), thinking: { type: "disabled" } };
    expect(checkBody("anthropic-messages", "application/json", off)).toBeUndefined();
  });
});
