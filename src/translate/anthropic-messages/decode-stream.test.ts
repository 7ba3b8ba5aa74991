import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { decodeStream } from "./decode-stream.js";
import { collect, fromChunks } from "./testing/fixture-stream.js";

const start = {
  type: "message_start",
  message: { id: "msg_1", model: "claude-opus-4-8", usage: { input_tokens: 3, output_tokens: 1 } },
};

function decode(events: object[]): Promise<StreamPart[]> {
  return collect(
    decodeStream(
      fromChunks(events.map((event) => ({ event: (event as { type: string }).type, data: JSON.stringify(event) }))),
    ),
  );
}

describe("decodeStream (Anthropic SSE → IR parts)", () => {
  it("keeps the stop sequence and merges cumulative usage", async () => {
    const parts = await decode([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "a" } },
      { type: "content_block_stop", index: 0 },
      {
        type: "message_delta",
        delta: { stop_reason: "stop_sequence", stop_sequence: "END" },
        usage: { output_tokens: 7, cache_read_input_tokens: 4 },
      },
      { type: "message_stop" },
    ]);
    expect(parts.at(-1)).toEqual({
      type: "finish",
      reason: { unified: "stop", raw: "stop_sequence", stopSequence: "END" },
      usage: { inputTokens: 7, outputTokens: 7, cacheReadTokens: 4 },
    });
  });

  it("ends a cut stream with one upstream_error part", async () => {
    const parts = await decode([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    ]);
    expect(parts.map((part) => part.type)).toEqual(["response-start", "text-start", "error"]);
    const last = parts.at(-1);
    expect(last?.type === "error" && last.error.code).toBe("upstream_error");
  });

  it("turns an error event into an error part with our code and stops there", async () => {
    const parts = await decode([
      start,
      { type: "error", error: { type: "rate_limit_error", message: "Slow down" } },
      { type: "message_stop" },
    ]);
    expect(parts).toHaveLength(2);
    const last = parts.at(-1);
    expect(last?.type === "error" && [last.error.code, last.error.message]).toEqual(["rate_limited", "Slow down"]);
  });

  it("skips server tool blocks, pings and unreadable lines", async () => {
    const parts = await decode([
      start,
      { type: "ping" },
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} },
      },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"query":"x"}' } },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 2 } },
      { type: "message_stop" },
    ]);
    expect(parts.map((part) => part.type)).toEqual(["response-start", "finish"]);
  });

  it("emits a tool's complete input when it arrives in content_block_start", async () => {
    const parts = await decode([
      start,
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "tool_use", id: "toolu_1", name: "Read", input: { path: "a" } },
      },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 2 } },
      { type: "message_stop" },
    ]);
    expect(parts.slice(1, 4)).toEqual([
      { type: "tool-input-start", id: "0", callId: "toolu_1", name: "Read", kind: "function" },
      { type: "tool-input-delta", id: "0", delta: '{"path":"a"}' },
      { type: "tool-input-end", id: "0" },
    ]);
  });
});
