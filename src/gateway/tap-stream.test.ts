import { describe, expect, it } from "vitest";
import type { WireApi } from "../protocols/wire-api.js";
import { tapStream } from "./tap-stream.js";

const sse = (event: string | undefined, data: unknown) =>
  `${event === undefined ? "" : `event: ${event}\n`}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

/** Feeds the stream in awkward pieces (mid-line, mid-character) and returns the summary. */
async function tap(api: WireApi, text: string) {
  const tapped = tapStream(api);
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += 7) tapped.push(bytes.subarray(start, start + 7));
  tapped.end();
  return tapped.summary;
}

describe("tapStream: usage and finish of a passthrough stream", () => {
  it("Anthropic: usage from message_start and message_delta, whatever the content blocks in between", async () => {
    const text = [
      sse("message_start", {
        type: "message_start",
        message: {
          id: "msg_1",
          model: "m",
          usage: { input_tokens: 120, output_tokens: 1, cache_read_input_tokens: 100 },
        },
      }),
      sse("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
      sse("ping", { type: "ping" }),
      sse("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: "héllo" },
      }),
      sse("content_block_stop", { type: "content_block_stop", index: 0 }),
      sse("message_delta", { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 42 } }),
      sse("message_stop", { type: "message_stop" }),
    ].join("");
    const summary = await tap("anthropic-messages", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.finishReason?.unified).toBe("tool-calls");
    expect(summary.usage).toMatchObject({ outputTokens: 42, cacheReadTokens: 100 });
    expect(summary.error).toBeUndefined();
  });

  it("Chat: the finish reason of the last choice and the usage-only chunk after it", async () => {
    const chunk = (delta: unknown, finish: string | null, extra: object = {}) =>
      sse(undefined, { id: "c", model: "m", choices: [{ index: 0, delta, finish_reason: finish }], ...extra });
    const text = [
      chunk({ role: "assistant", content: "" }, null),
      chunk({ content: "the finish_reason is null" }, null),
      chunk({ tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: "{}" } }] }, null),
      chunk({}, "tool_calls"),
      sse(undefined, { id: "c", model: "m", choices: [], usage: { prompt_tokens: 10, completion_tokens: 5 } }),
      sse(undefined, "[DONE]"),
    ].join("");
    const summary = await tap("openai-chat", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.finishReason?.unified).toBe("tool-calls");
    expect(summary.usage).toMatchObject({ inputTokens: 10, outputTokens: 5 });
  });

  it("Chat with include_usage: `usage: null` on every chunk, spaced JSON, the usage chunk still counted", async () => {
    // OpenAI sends `"usage": null` on every chunk when `stream_options.include_usage` is set.
    const spaced = (value: unknown) => `data: ${JSON.stringify(value).replaceAll('":', '": ')}\n\n`;
    const chunk = (delta: unknown, finish: string | null) =>
      spaced({ id: "c", choices: [{ index: 0, delta, finish_reason: finish }], usage: null });
    const text = [
      chunk({ role: "assistant", content: "" }, null),
      chunk({ content: 'say "usage": {} and "finish_reason": "stop"' }, null),
      chunk({}, "length"),
      spaced({ id: "c", choices: [], usage: { prompt_tokens: 7, completion_tokens: 3 } }),
      "data: [DONE]\n\n",
    ].join("");
    const summary = await tap("openai-chat", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.finishReason?.unified).toBe("length");
    expect(summary.usage).toMatchObject({ inputTokens: 7, outputTokens: 3 });
  });

  it("Responses: usage from response.completed, past every delta", async () => {
    const text = [
      sse("response.created", { type: "response.created", response: { id: "r", model: "m" } }),
      sse("response.output_text.delta", {
        type: "response.output_text.delta",
        output_index: 0,
        content_index: 0,
        delta: "hi",
      }),
      sse("response.completed", {
        type: "response.completed",
        response: { id: "r", model: "m", status: "completed", usage: { input_tokens: 7, output_tokens: 3 } },
      }),
    ].join("");
    const summary = await tap("openai-responses", text);
    expect(summary.sawTerminalEvent).toBe(true);
    expect(summary.usage).toMatchObject({ inputTokens: 7, outputTokens: 3 });
  });

  it("a stream cut before its last event is reported as such", async () => {
    const text = sse("message_start", { type: "message_start", message: { id: "m", model: "m", usage: {} } });
    const summary = await tap("anthropic-messages", `${text}event: message_stop\ndata: {"type":"mess`);
    expect(summary.sawTerminalEvent).toBe(false);
    expect(summary.error?.code).toBe("upstream_error");
  });
});
