import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import type { SseEvent } from "../../lib/sse.js";
import { decodeStream } from "./decode-stream.js";
import { collect, fromArray, readChunkEvents } from "./testing/fixtures.js";

const fixtures = [
  "openai-reasoning-text-function-call.1.chunks.txt",
  "openai-custom-tool-call-namespace.1.chunks.txt",
  "github-copilot-item-id-rotation.1.chunks.txt",
  "openai-incomplete-max-output-tokens.1.chunks.txt",
  "openai-error-mid-stream.1.chunks.txt",
];

const decode = (events: SseEvent[]): Promise<StreamPart[]> => collect(decodeStream(fromArray(events)));

/** Errors print as their code and message, so the snapshot stays readable. */
function printable(parts: StreamPart[]): unknown[] {
  return parts.map((part) =>
    part.type === "error" ? { type: "error", code: part.error.code, message: part.error.message } : part,
  );
}

function terminals(parts: StreamPart[]): StreamPart[] {
  return parts.filter((part) => part.type === "finish" || part.type === "error");
}

describe("decodeStream golden transcripts", () => {
  it.each(fixtures)("%s", async (name) => {
    const parts = await decode(readChunkEvents(name));
    expect(terminals(parts)).toHaveLength(1);
    expect(["finish", "error"]).toContain(parts.at(-1)?.type);
    expect(printable(parts)).toMatchSnapshot();
  });
});

describe("decodeStream", () => {
  it("reads reasoning summaries as one text, with the encrypted content at the end", async () => {
    const parts = await decode(readChunkEvents("openai-reasoning-text-function-call.1.chunks.txt"));
    const reasoning = parts
      .filter((part) => part.type === "reasoning-delta")
      .map((part) => (part.type === "reasoning-delta" ? part.delta : ""));
    expect(reasoning.join("")).toBe("**Planning**\n\nWrite the file.");
    expect(parts).toContainEqual({
      type: "reasoning-end",
      id: "reasoning-0",
      itemId: "rs_0001",
      encryptedContent: "gAAAA-redacted-1",
    });
    expect(parts.at(-1)).toEqual({
      type: "finish",
      reason: { unified: "tool-calls", raw: "completed" },
      usage: { inputTokens: 9000, outputTokens: 120, cacheReadTokens: 8000, reasoningTokens: 64 },
    });
  });

  it("matches items by output_index when Copilot rotates item_id mid-stream", async () => {
    const parts = await decode(readChunkEvents("github-copilot-item-id-rotation.1.chunks.txt"));
    const texts = parts.filter((part) => part.type === "text-delta");
    expect(texts).toEqual([
      { type: "text-delta", id: "text-0-0", delta: "Hello" },
      { type: "text-delta", id: "text-0-0", delta: " there" },
    ]);
    const toolDeltas = parts
      .filter((part) => part.type === "tool-input-delta")
      .map((part) => (part.type === "tool-input-delta" ? part.delta : ""));
    expect(toolDeltas.join("")).toBe('{"cmd":"ls"}');
    expect(parts.filter((part) => part.type === "text-start")).toHaveLength(1);
  });

  it("reads a namespaced custom tool call", async () => {
    const parts = await decode(readChunkEvents("openai-custom-tool-call-namespace.1.chunks.txt"));
    expect(parts).toContainEqual({
      type: "tool-input-start",
      id: "tool-0",
      callId: "call_code_1",
      name: "exec",
      kind: "custom",
      namespace: "functions",
    });
  });

  it("turns an error event into one error part and ignores what follows", async () => {
    const parts = await decode(readChunkEvents("openai-error-mid-stream.1.chunks.txt"));
    const last = parts.at(-1);
    expect(last?.type === "error" && last.error.code).toBe("rate_limited");
    expect(parts.filter((part) => part.type === "text-end")).toHaveLength(1);
  });

  it("ends a cut stream with an upstream_error, closing open blocks first", async () => {
    const events = readChunkEvents("openai-reasoning-text-function-call.1.chunks.txt").slice(0, 13);
    const parts = await decode(events);
    expect(parts.slice(-2).map((part) => part.type)).toEqual(["text-end", "error"]);
    const last = parts.at(-1);
    expect(last?.type === "error" && last.error.code).toBe("upstream_error");
  });

  it("delivers text and arguments that arrive only in done events", async () => {
    const item = { id: "fc_1", type: "function_call", call_id: "c1", name: "f", arguments: '{"a":1}' };
    const message = {
      id: "m",
      type: "message",
      role: "assistant",
      content: [{ type: "output_text", text: "whole", annotations: [] }],
    };
    const events = [
      { type: "response.created", response: { id: "resp_x", model: "m" } },
      { type: "response.output_item.done", output_index: 0, item: message },
      { type: "response.output_item.done", output_index: 1, item },
      {
        type: "response.completed",
        response: { status: "completed", usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 } },
      },
    ].map((event) => ({ event: event.type, data: JSON.stringify(event) }));
    const parts = await decode(events);
    expect(parts.map((part) => part.type)).toEqual([
      "response-start",
      "text-start",
      "text-delta",
      "text-end",
      "tool-input-start",
      "tool-input-delta",
      "tool-input-end",
      "finish",
    ]);
  });

  it("reports an event that is not JSON", async () => {
    const parts = await decode([{ event: "response.created", data: "{not json" }]);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.type === "error" && parts[0].error.code).toBe("upstream_error");
  });
});

describe("decodeStream: raw reasoning text", () => {
  it("reads reasoning_text deltas, and content delivered only in the done item", async () => {
    const events = [
      { type: "response.created", response: { id: "resp_r", model: "gpt-oss" } },
      { type: "response.output_item.added", output_index: 0, item: { id: "rs_a", type: "reasoning", summary: [] } },
      { type: "response.reasoning_text.delta", output_index: 0, content_index: 0, delta: "think" },
      {
        type: "response.output_item.done",
        output_index: 0,
        item: { id: "rs_a", type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "think" }] },
      },
      {
        type: "response.output_item.done",
        output_index: 1,
        item: { id: "rs_b", type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "more" }] },
      },
      { type: "response.completed", response: { status: "completed" } },
    ].map((event) => ({ event: event.type, data: JSON.stringify(event) }));
    const parts = await decode(events);
    const deltas = parts
      .filter((part) => part.type === "reasoning-delta")
      .map((part) => (part.type === "reasoning-delta" ? part.delta : ""));
    expect(deltas).toEqual(["think", "more"]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", reason: { unified: "stop" } });
  });
});
