import { expectFastPathAgrees } from "../testing/expect-fast-path-agrees.js";
import { describe, expect, it } from "vitest";
import { acceptsPlainly } from "./accepts-plainly.js";
import { requestSchema } from "./schemas.js";

/** A Claude Code-shaped body touching every block and field the check looks at. */
const realistic = {
  model: "claude-opus-4-8",
  max_tokens: 32000,
  stream: true,
  temperature: 1,
  top_p: 0.9,
  top_k: 40,
  stop_sequences: ["END"],
  thinking: { type: "enabled", budget_tokens: 1024 },
  tool_choice: { type: "tool", name: "Read" },
  system: [{ type: "text", text: "You are a coding agent.", cache_control: { type: "ephemeral" } }],
  tools: [
    { name: "Read", description: "Read a file", input_schema: { type: "object", properties: {} } },
    { type: "web_search_20250305", name: "web_search" },
  ],
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "Look at this" },
        { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
        { type: "document", source: { type: "text", media_type: "text/plain", data: "notes" } },
        { type: "document", source: { type: "content", content: [{ type: "text", text: "x" }] } },
        { type: "search_result", anything: 1 },
      ],
    },
    {
      role: "assistant",
      content: [
        { type: "thinking", thinking: "hmm", signature: "sig" },
        { type: "redacted_thinking", data: "opaque" },
        { type: "tool_use", id: "toolu_1", name: "Read", input: { path: "a.ts" } },
      ],
    },
    {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "file" }], is_error: false },
      ],
    },
    { role: "system", content: "mid-conversation note" },
  ],
};

describe("anthropic-messages acceptsPlainly", () => {
  it("accepts a realistic Claude Code body, which the schema accepts too", () => {
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
