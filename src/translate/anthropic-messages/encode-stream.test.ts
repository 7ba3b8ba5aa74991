import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromChunks } from "./testing/fixture-stream.js";

async function encode(parts: StreamPart[]): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const frames = await collect(encodeStream(fromChunks(parts), { model: "claude-opus-4-8" }));
  return frames.map((frame) => {
    const [eventLine, dataLine] = frame.split("\n");
    return {
      event: eventLine?.slice("event: ".length) ?? "",
      data: JSON.parse(dataLine?.slice("data: ".length) ?? "") as Record<string, unknown>,
    };
  });
}

const finish: StreamPart = {
  type: "finish",
  reason: { unified: "stop", raw: "stop" },
  usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 4 },
};

describe("encodeStream (IR parts → Anthropic SSE)", () => {
  it("writes message_start with usage, indexed blocks, message_delta and message_stop", async () => {
    const events = await encode([
      { type: "response-start", id: "chatcmpl-1", model: "gpt-5", usage: { inputTokens: 10, cacheReadTokens: 4 } },
      { type: "text-start", id: "t" },
      { type: "tool-input-start", id: "c", callId: "call_1", name: "Read", kind: "function" },
      { type: "text-delta", id: "t", delta: "Hi" },
      { type: "tool-input-delta", id: "c", delta: '{"path":"a"}' },
      { type: "text-end", id: "t" },
      finish,
    ]);
    expect(events.map((event) => event.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]?.data).toMatchObject({
      message: { id: "chatcmpl-1", model: "claude-opus-4-8", usage: { input_tokens: 6, cache_read_input_tokens: 4 } },
    });
    expect(events.slice(1, 3).map((event) => event.data.index)).toEqual([0, 1]);
    expect(events[6]?.data).toEqual({ type: "content_block_stop", index: 1 });
    expect(events[7]?.data).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { input_tokens: 6, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 },
    });
  });

  it("starts a redacted_thinking block only once it knows the block is redacted", async () => {
    const events = await encode([
      { type: "response-start", id: "msg_1", model: "m" },
      { type: "reasoning-start", id: "r" },
      { type: "reasoning-end", id: "r", redactedData: "opaque" },
      finish,
    ]);
    expect(events[1]?.data).toEqual({
      type: "content_block_start",
      index: 0,
      content_block: { type: "redacted_thinking", data: "opaque" },
    });
    expect(events[2]?.data).toEqual({ type: "content_block_stop", index: 0 });
  });

  it("renders an error part as an error event and stops", async () => {
    const events = await encode([
      { type: "response-start", id: "msg_1", model: "m" },
      { type: "error", error: new GatewayError("upstream_overloaded", "Overloaded") },
      finish,
    ]);
    expect(events.map((event) => event.event)).toEqual(["message_start", "error"]);
    expect(events[1]?.data).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("reports an input that ends without finish as an error", async () => {
    const events = await encode([{ type: "text-delta", id: "t", delta: "x" }]);
    expect(events.map((event) => event.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "error",
    ]);
  });
});
