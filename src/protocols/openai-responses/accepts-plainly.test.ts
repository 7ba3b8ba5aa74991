import { expectFastPathAgrees } from "../testing/expect-fast-path-agrees.js";
import { describe, expect, it } from "vitest";
import { acceptsPlainly } from "./accepts-plainly.js";
import { requestSchema } from "./schemas.js";

/** A Codex-shaped body touching every item, part and tool kind the check looks at. */
const realistic = {
  model: "gpt-5.1-codex",
  instructions: "You are Codex.",
  stream: true,
  max_output_tokens: 4096,
  text: { verbosity: "low", format: { type: "text" } },
  tools: [
    { type: "function", name: "shell", parameters: { type: "object" } },
    { type: "custom", name: "apply_patch", format: { type: "grammar" } },
    { type: "namespace", name: "mcp", tools: [{ type: "function", name: "search" }] },
    { type: "web_search" },
  ],
  input: [
    { type: "message", role: "developer", content: [{ type: "input_text", text: "rules" }] },
    { role: "user", content: "hello" },
    {
      type: "message",
      role: "user",
      content: [
        { type: "input_text", text: "see" },
        { type: "input_image", image_url: "data:image/png;base64,AAAA" },
        { type: "input_file", file_id: "file_1" },
      ],
    },
    { type: "reasoning", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: "x" },
    {
      type: "message",
      role: "assistant",
      content: [
        { type: "output_text", text: "ok" },
        { type: "refusal", refusal: "no" },
      ],
    },
    { type: "function_call", call_id: "c1", name: "shell", arguments: "{}" },
    { type: "function_call_output", call_id: "c1", output: [{ type: "input_text", text: "done" }] },
    { type: "custom_tool_call", call_id: "c2", name: "apply_patch", input: "*** Begin Patch" },
    { type: "custom_tool_call_output", call_id: "c2", output: "applied" },
    { type: "additional_tools", tools: [{ type: "function", name: "late" }] },
    { type: "compaction", encrypted_content: "opaque" },
  ],
};

describe("openai-responses acceptsPlainly", () => {
  it("accepts a realistic Codex body, which the schema accepts too", () => {
    expect(acceptsPlainly(realistic)).toBe(true);
    expect(requestSchema.safeParse(realistic).success).toBe(true);
  });

  it("never accepts a body the schema refuses, whatever value replaces or removes any field", () => {
    const checked = expectFastPathAgrees({
      realistic,
      acceptsPlainly,
      schemaAccepts: (body) => requestSchema.safeParse(body).success,
    });
    expect(checked).toBeGreaterThan(500);
  });
});
