import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SseEvent } from "../../lib/sse.js";
import { createStreamDecoder, decodeStream } from "./decode-stream.js";
import { collect, fromArray, readable } from "./testing/stream-fixtures.js";

const data = (value: unknown): SseEvent => ({ data: typeof value === "string" ? value : JSON.stringify(value) });
const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
  data({
    id: "c1",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });
const decode = async (...events: SseEvent[]) => readable(await collect(decodeStream(fromArray(events))));

describe("decodeStream", () => {
  it("ends with finish when finish_reason came but [DONE] did not", async () => {
    const parts = await decode(chunk({ content: "hi" }), chunk({}, "length"));
    expect(parts.at(-1)).toEqual({
      type: "finish",
      reason: { unified: "length", raw: "length" },
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(parts.filter((part) => (part as { type: string }).type === "text-end")).toHaveLength(1);
  });

  it("ends with finish (other) when [DONE] came without a finish_reason", async () => {
    const parts = await decode(chunk({ content: "hi" }), data("[DONE]"));
    expect(parts.at(-1)).toMatchObject({ type: "finish", reason: { unified: "other" } });
  });

  it("reads usage from the usage-only chunk with empty choices", async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
    const parts = await decode(
      chunk({ content: "x" }),
      chunk({}, "stop"),
      data({ id: "c1", choices: [], usage }),
      data("[DONE]"),
    );
    expect(parts.at(-1)).toEqual({
      type: "finish",
      reason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 5, outputTokens: 2 },
    });
  });

  it("turns an error chunk into one error part with a mapped code", async () => {
    const parts = await decode(
      chunk({ content: "x" }),
      data({ error: { message: "slow down", type: "rate_limit_error", code: "rate_limit_exceeded" } }),
    );
    expect(parts.at(-1)).toEqual({ type: "error", code: "rate_limited", message: "slow down" });
    expect(parts.filter((part) => ["finish", "error"].includes((part as { type: string }).type))).toHaveLength(1);
  });

  it("reports a cut stream and a non-JSON event as upstream errors", async () => {
    expect((await decode(chunk({ content: "x" }))).at(-1)).toMatchObject({ type: "error", code: "upstream_error" });
    expect((await decode(data("not json"))).at(-1)).toMatchObject({ type: "error", code: "upstream_error" });
    expect(await decode()).toEqual([
      { type: "error", code: "upstream_error", message: "The upstream stream ended before the response was complete." },
    ]);
  });

  it("reads the deprecated streamed function_call as one tool call", async () => {
    const parts = await decode(
      chunk({ function_call: { name: "lookup", arguments: "" } }),
      chunk({ function_call: { arguments: "{}" } }),
      chunk({}, "function_call"),
    );
    expect(parts.slice(1, 4)).toEqual([
      { type: "tool-input-start", id: "tool-0", callId: "function_call_lookup", name: "lookup", kind: "function" },
      { type: "tool-input-delta", id: "tool-0", delta: "{}" },
      { type: "tool-input-end", id: "tool-0" },
    ]);
  });

  it("reads `reasoning` (OpenRouter, Ollama) and a refusal delta", async () => {
    const parts = await decode(chunk({ reasoning: "hmm" }), chunk({ refusal: "No." }), chunk({}, "stop"));
    expect(parts.slice(1, 7).map((part) => (part as { type: string }).type)).toEqual([
      "reasoning-start",
      "reasoning-delta",
      "reasoning-end",
      "text-start",
      "text-delta",
      "text-end",
    ]);
  });
});

describe("decodeStream quirks of compatible servers", () => {
  it("joins Copilot's text and tool calls sent under different choice indexes", async () => {
    const split = (index: number, delta: Record<string, unknown>, finish: string | null = null) =>
      data({ id: "c", model: "claude-sonnet-4.5", choices: [{ index, delta, finish_reason: finish }] });
    const parts = await decode(
      split(0, { content: "Running." }),
      split(1, { tool_calls: [{ index: 0, id: "t1", type: "function", function: { name: "bash", arguments: "{}" } }] }),
      split(0, {}, "stop"),
      split(1, {}, "tool_calls"),
      data("[DONE]"),
    );
    expect(parts.map((part) => (part as { type: string }).type)).toEqual([
      "response-start",
      "text-start",
      "text-delta",
      "text-end",
      "tool-input-start",
      "tool-input-delta",
      "tool-input-end",
      "finish",
    ]);
    expect(parts.at(-1)).toMatchObject({ reason: { unified: "tool-calls" } });
  });

  it("tells apart whole tool calls sent without `index` by their ids (Gemini)", async () => {
    const parts = await decode(
      chunk({ tool_calls: [{ id: "a", type: "function", function: { name: "x", arguments: '{"n":1}' } }] }),
      chunk({ tool_calls: [{ id: "b", type: "function", function: { name: "y", arguments: '{"n":2}' } }] }),
      chunk({}, "tool_calls"),
    );
    expect(parts.filter((part) => (part as { type: string }).type === "tool-input-start")).toEqual([
      { type: "tool-input-start", id: "tool-0", callId: "a", name: "x", kind: "function" },
      { type: "tool-input-start", id: "tool-1", callId: "b", name: "y", kind: "function" },
    ]);
  });
});

describe("decodeStream over chunks that repeat one shape", () => {
  /** Every part the decoder makes for the events, in one list. */
  function parts(events: readonly SseEvent[]) {
    const decoder = createStreamDecoder();
    return [...events.flatMap((event) => decoder.push(event)), ...decoder.end()];
  }
  const text = fc.constantFrom("word ", "", "héllo ✓", 'say "hi"', "\n", "[DONE]");
  // Chunk shapes of the servers the gateway meets: plain text, text beside fields that mean
  // something (reasoning, a refusal, tool calls, a finish, usage) or nothing (`refusal: null`).
  const deltaShapes: Array<Record<string, unknown>> = [
    {},
    { refusal: null },
    { refusal: "no" },
    { reasoning_content: "thinking" },
    { reasoning_opaque: "opaque" },
    { tool_calls: [] },
    { tool_calls: [{ index: 0, id: "t1", type: "function", function: { name: "bash", arguments: "{}" } }] },
    { function_call: { name: "bash", arguments: "{}" } },
  ];
  const shape = fc.tuple(
    fc.constantFrom(...deltaShapes),
    fc.constantFrom(null, "stop"),
    fc.constantFrom(undefined, null, { prompt_tokens: 3, completion_tokens: 1 }),
    fc.constantFrom(undefined, { error: { message: "overloaded" } }),
    // The other fields after the text, or before it.
    fc.boolean(),
  );
  /** A stream as servers send one: a few shapes, each repeated with other texts. */
  const stream = fc
    .tuple(fc.array(shape, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), text), { maxLength: 14 }))
    .map(([shapes, picks]) =>
      picks.map(([pick, content]) => {
        const [others, finish, usage, error, before] = shapes[pick % shapes.length] as (typeof shapes)[number];
        return {
          id: "c1",
          object: "chat.completion.chunk",
          choices: [
            { index: 0, delta: before ? { ...others, content } : { content, ...others }, finish_reason: finish },
          ],
          ...(usage === undefined ? {} : { usage }),
          ...error,
        };
      }),
    );

  it("property: the parts are those of parsing every chunk in full", () => {
    fc.assert(
      fc.property(stream, (chunks) => {
        const events = chunks.map((chunk) => ({ data: JSON.stringify(chunk) }));
        // A member that differs in every chunk: no two have one shape, so each is parsed in full.
        const parsedInFull = chunks.map((chunk, index) => ({ data: JSON.stringify({ ...chunk, sequence: index }) }));
        expect(parts(events)).toEqual(parts(parsedInFull));
      }),
      { numRuns: 500 },
    );
  });
});
