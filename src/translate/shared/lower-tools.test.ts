import { describe, expect, it } from "vitest";
import type { Request } from "../../ir/request.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { lowerTools } from "./lower-tools.js";

const request: Request = {
  model: "m",
  system: [],
  messages: [],
  stream: true,
  tools: [
    { kind: "function", name: "read", namespace: "fs", inputSchema: { type: "object" } },
    { kind: "custom", name: "apply_patch" },
    { kind: "function", name: "plain", inputSchema: { type: "object" } },
  ],
};

// What an upstream that only knows plain functions sends back for the lowered tools.
const upstreamParts: StreamPart[] = [
  { type: "response-start", id: "r", model: "m" },
  { type: "tool-input-start", id: "a", callId: "call_a", name: "fs__read", kind: "function" },
  { type: "tool-input-delta", id: "a", delta: '{"path":"x"}' },
  { type: "tool-input-start", id: "b", callId: "call_b", name: "apply_patch", kind: "function" },
  { type: "tool-input-delta", id: "b", delta: '{"inp' },
  { type: "tool-input-delta", id: "b", delta: 'ut":"*** Begin Patch"}' },
  { type: "tool-input-end", id: "a" },
  { type: "tool-input-end", id: "b" },
  { type: "tool-input-start", id: "c", callId: "call_c", name: "plain", kind: "function" },
  { type: "tool-input-end", id: "c" },
  { type: "finish", reason: { unified: "tool-calls" }, usage: { inputTokens: 1, outputTokens: 1 } },
];

const restored: StreamPart[] = [
  { type: "response-start", id: "r", model: "m" },
  { type: "tool-input-start", id: "a", callId: "call_a", name: "read", namespace: "fs", kind: "function" },
  { type: "tool-input-delta", id: "a", delta: '{"path":"x"}' },
  { type: "tool-input-start", id: "b", callId: "call_b", name: "apply_patch", kind: "custom" },
  { type: "tool-input-end", id: "a" },
  { type: "tool-input-delta", id: "b", delta: "*** Begin Patch" },
  { type: "tool-input-end", id: "b" },
  { type: "tool-input-start", id: "c", callId: "call_c", name: "plain", kind: "function" },
  { type: "tool-input-end", id: "c" },
  { type: "finish", reason: { unified: "tool-calls" }, usage: { inputTokens: 1, outputTokens: 1 } },
];

describe("ToolNameMap in a stream", () => {
  it("part by part: renames lowered calls and sends a custom tool's input whole, as raw text, at its end", () => {
    const restorer = lowerTools(request).names.streamRestorer();
    expect(upstreamParts.flatMap((part) => restorer.push(part))).toEqual(restored);
  });
});
