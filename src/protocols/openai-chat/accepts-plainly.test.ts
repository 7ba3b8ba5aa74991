import { describe, expect, it } from "vitest";
import { expectFastPathAgrees } from "../testing/expect-fast-path-agrees.js";
import { requestAcceptsPlainly, responseAcceptsPlainly } from "./accepts-plainly.js";
import { chatResponseSchema } from "./response-schemas.js";
import { chatRequestSchema } from "./schemas.js";

/** A Chat request touching every role, part and tool kind the check looks at. */
const realisticRequest = {
  model: "gpt-5.1",
  stream: true,
  messages: [
    { role: "system", content: "You are a coding agent." },
    { role: "developer", content: [{ type: "text", text: "Be brief." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "Look at this" },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "high" } },
        { type: "input_audio", input_audio: { data: "AAAA", format: "wav" } },
        { type: "file", file: { file_data: "AAAA", filename: "a.pdf" } },
      ],
    },
    {
      role: "assistant",
      content: [{ type: "refusal", refusal: "no" }],
      tool_calls: [
        { id: "c1", type: "function", function: { name: "read", arguments: "{}" } },
        { id: "c2", type: "custom", custom: { name: "apply_patch", input: "*** Begin Patch" } },
      ],
    },
    { role: "tool", tool_call_id: "c1", content: "done" },
    { role: "function", name: "legacy", content: null },
  ],
  tools: [
    { type: "function", function: { name: "read", parameters: { type: "object" } } },
    { type: "custom", custom: { name: "apply_patch" } },
  ],
  tool_choice: "auto",
  stream_options: { include_usage: true },
};

/** A completion with text, tool calls and every usage detail. */
const realisticResponse = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "gpt-5.1",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "Reading.",
        tool_calls: [{ id: "c1", type: "function", function: { name: "read", arguments: "{}" } }],
      },
      finish_reason: "tool_calls",
    },
  ],
  usage: {
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    prompt_tokens_details: { cached_tokens: 2 },
    completion_tokens_details: { reasoning_tokens: 1 },
  },
};

describe("openai-chat plain checks", () => {
  it("accept a realistic request and completion, which the schemas accept too", () => {
    expect(requestAcceptsPlainly(realisticRequest)).toBe(true);
    expect(chatRequestSchema.safeParse(realisticRequest).success).toBe(true);
    expect(responseAcceptsPlainly(realisticResponse)).toBe(true);
    expect(chatResponseSchema.safeParse(realisticResponse).success).toBe(true);
  });

  it("never accept a request the schema refuses, whatever value replaces or removes any field", () => {
    const checked = expectFastPathAgrees({
      realistic: realisticRequest,
      acceptsPlainly: requestAcceptsPlainly,
      schemaAccepts: (body) => chatRequestSchema.safeParse(body).success,
    });
    expect(checked).toBeGreaterThan(500);
  });

  it("never accept a completion the schema refuses, whatever value replaces or removes any field", () => {
    const checked = expectFastPathAgrees({
      realistic: realisticResponse,
      acceptsPlainly: responseAcceptsPlainly,
      schemaAccepts: (body) => chatResponseSchema.safeParse(body).success,
    });
    expect(checked).toBeGreaterThan(300);
  });
});
