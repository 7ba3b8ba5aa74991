import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromArray } from "./testing/stream-fixtures.js";

const finish: StreamPart = { type: "finish", reason: { unified: "stop" }, usage: { inputTokens: 3, outputTokens: 1 } };
const encode = async (parts: StreamPart[], includeUsage?: boolean) => {
  const events = await collect(
    encodeStream(fromArray(parts), includeUsage === undefined ? { model: "alias" } : { model: "alias", includeUsage }),
  );
  return events.map((event) =>
    event === "data: [DONE]\n\n" ? "[DONE]" : (JSON.parse(event.slice("data: ".length)) as Record<string, unknown>),
  );
};

describe("encodeStream", () => {
  it("keeps one id, puts the role in the first delta, ends with [DONE]", async () => {
    const events = await encode([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hi" },
      { type: "text-end", id: "t" },
      finish,
    ]);
    expect(events).toHaveLength(3);
    const [first, last] = [events[0] as Record<string, unknown>, events[1] as Record<string, unknown>];
    expect(first).toMatchObject({
      object: "chat.completion.chunk",
      model: "alias",
      choices: [{ index: 0, delta: { role: "assistant", content: "Hi" }, finish_reason: null }],
    });
    expect(last["id"]).toBe(first["id"]);
    expect(String(first["id"])).toMatch(/^chatcmpl-/);
    expect(last).toMatchObject({ choices: [{ delta: {}, finish_reason: "stop" }] });
    expect(events[2]).toBe("[DONE]");
  });

  it("writes the usage-only chunk only when the client asked for it", async () => {
    expect(await encode([finish])).toHaveLength(2);
    expect(await encode([finish], false)).toHaveLength(2);
    const withUsage = await encode([finish], true);
    expect(withUsage[1]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
  });

  it("numbers interleaved tool calls by the order they started", async () => {
    const events = await encode([
      { type: "tool-input-start", id: "a", callId: "call_a", name: "x", kind: "function" },
      { type: "tool-input-start", id: "b", callId: "call_b", name: "y", kind: "function" },
      { type: "tool-input-delta", id: "b", delta: "{}" },
      { type: "tool-input-delta", id: "a", delta: "{}" },
      { type: "finish", reason: { unified: "tool-calls" }, usage: { inputTokens: 0, outputTokens: 0 } },
    ]);
    const calls = events
      .slice(0, 4)
      .map(
        (event) =>
          ((event as { choices: Array<{ delta: { tool_calls: unknown[] } }> }).choices[0]?.delta.tool_calls ?? [])[0],
      );
    expect(calls).toEqual([
      { index: 0, id: "call_a", type: "function", function: { name: "x", arguments: "" } },
      { index: 1, id: "call_b", type: "function", function: { name: "y", arguments: "" } },
      { index: 1, function: { arguments: "{}" } },
      { index: 0, function: { arguments: "{}" } },
    ]);
    expect(events[4]).toMatchObject({ choices: [{ finish_reason: "tool_calls" }] });
  });

  it("writes an error part as OpenAI's mid-stream error and stops", async () => {
    const events = await encode([
      { type: "text-delta", id: "t", delta: "x" },
      { type: "error", error: new GatewayError("upstream_timeout", "too slow") },
    ]);
    expect(events.at(-1)).toEqual({
      error: { message: "too slow", type: "server_error", param: null, code: "timeout" },
    });
    expect(events).not.toContain("[DONE]");
  });
});
