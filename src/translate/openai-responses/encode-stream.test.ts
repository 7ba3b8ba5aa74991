import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { decodeStream } from "./decode-stream.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromArray, parseFrames, readChunkEvents, sseField } from "./testing/fixtures.js";

const fixtures = [
  "openai-reasoning-text-function-call.1.chunks.txt",
  "openai-custom-tool-call-namespace.1.chunks.txt",
  "github-copilot-item-id-rotation.1.chunks.txt",
  "openai-incomplete-max-output-tokens.1.chunks.txt",
  "openai-error-mid-stream.1.chunks.txt",
];

const encode = async (parts: StreamPart[]): Promise<string[]> =>
  collect(encodeStream(fromArray(parts), { model: "gpt-5.5" }));

describe("encodeStream golden transcripts (fixture → IR → Responses SSE)", () => {
  it.each(fixtures)("%s", async (name) => {
    const parts = await collect(decodeStream(fromArray(readChunkEvents(name))));
    const frames = await encode(parts);
    const events = parseFrames(frames);
    expect(events.map((event) => event.data.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events.every((event) => event.event === event.data.type)).toBe(true);
    expect(frames.join("")).toMatchSnapshot();
  });
});

describe("encodeStream", () => {
  const start: StreamPart = { type: "response-start", id: "resp_abc", model: "upstream", created: 1764000000 };
  const finish: StreamPart = {
    type: "finish",
    reason: { unified: "tool-calls" },
    usage: { inputTokens: 5, outputTokens: 3 },
  };

  it("writes the events Codex accepted, in order", async () => {
    const events = parseFrames(
      await encode([
        start,
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Hi" },
        { type: "text-end", id: "t" },
        { type: "tool-input-start", id: "f", callId: "call_1", name: "exec_command", kind: "function" },
        { type: "tool-input-delta", id: "f", delta: "{}" },
        { type: "tool-input-end", id: "f" },
        finish,
      ]),
    );
    expect(events.map((event) => event.event)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.at(-1)?.data.response).toMatchObject({
      status: "completed",
      usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
    });
  });

  it("writes custom calls with custom_tool_call_input events and keeps the namespace", async () => {
    const events = parseFrames(
      await encode([
        start,
        { type: "tool-input-start", id: "c", callId: "call_2", name: "exec", kind: "custom", namespace: "functions" },
        { type: "tool-input-delta", id: "c", delta: "text(1)" },
        { type: "tool-input-end", id: "c" },
        finish,
      ]),
    );
    expect(events.map((event) => event.event).slice(2, 6)).toEqual([
      "response.output_item.added",
      "response.custom_tool_call_input.delta",
      "response.custom_tool_call_input.done",
      "response.output_item.done",
    ]);
    expect(events[5]?.data.item).toEqual({
      type: "custom_tool_call",
      id: "ctc_abc_0",
      status: "completed",
      call_id: "call_2",
      name: "exec",
      namespace: "functions",
      input: "text(1)",
    });
  });

  it("writes reasoning with its summary and encrypted content", async () => {
    const events = parseFrames(
      await encode([
        start,
        { type: "reasoning-start", id: "r", itemId: "rs_1" },
        { type: "reasoning-delta", id: "r", delta: "Think" },
        { type: "reasoning-end", id: "r", encryptedContent: "enc", itemId: "rs_1" },
        finish,
      ]),
    );
    const done = events.find((event) => event.event === "response.output_item.done");
    expect(done?.data.item).toEqual({
      id: "rs_1",
      type: "reasoning",
      summary: [{ type: "summary_text", text: "Think" }],
      encrypted_content: "enc",
    });
  });

  it("writes an IR error as the error event and response.failed", async () => {
    const events = parseFrames(
      await encode([
        start,
        { type: "text-start", id: "t" },
        { type: "error", error: new GatewayError("upstream_timeout", "Upstream timed out.") },
      ]),
    );
    expect(events.slice(-2).map((event) => event.event)).toEqual(["error", "response.failed"]);
    expect(events.at(-2)?.data).toMatchObject({
      type: "error",
      code: "timeout",
      message: "Upstream timed out.",
      sequence_number: 4,
    });
    expect(events.at(-1)?.data).toMatchObject({ sequence_number: 5, response: { id: "resp_abc", status: "failed" } });
  });

  it("writes length as response.incomplete", async () => {
    const events = parseFrames(
      await encode([
        start,
        { type: "finish", reason: { unified: "length" }, usage: { inputTokens: 1, outputTokens: 1 } },
      ]),
    );
    expect(events.at(-1)).toMatchObject({
      event: "response.incomplete",
      data: { response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } } },
    });
  });

  it("opens the response itself and fails cleanly when the parts end without finish", async () => {
    const events = parseFrames(
      await encode([
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "x" },
      ]),
    );
    expect(events.map((event) => event.event)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "error",
      "response.failed",
    ]);
  });

  it("closes blocks left open before response.completed", async () => {
    const events = parseFrames(
      await encode([start, { type: "text-start", id: "t" }, { type: "text-delta", id: "t", delta: "x" }, finish]),
    );
    expect(events.at(-1)?.data.response).toMatchObject({
      output: [{ type: "message", status: "completed", content: [{ text: "x" }] }],
      output_text: "x",
    });
  });
});

describe("encodeStream event bytes", () => {
  it("writes every event as the plain JSON of its object, whatever the text and ids hold", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme" }),
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        async (id, deltas) => {
          const parts: StreamPart[] = [
            { type: "response-start", id: `resp_${id}`, model: 'm"odel', created: 1 },
            { type: "text-start", id: "t" },
            ...deltas.map((delta): StreamPart => ({ type: "text-delta", id: "t", delta })),
            { type: "text-end", id: "t" },
            { type: "finish", reason: { unified: "stop" }, usage: { inputTokens: 1, outputTokens: 1 } },
          ];
          for (const frame of await encode(parts)) {
            const data = sseField(frame, "data") ?? "";
            // Re-stringifying the parsed object gives the same bytes: key order and escaping as JSON.stringify.
            expect(JSON.stringify(JSON.parse(data))).toBe(data);
          }
        },
      ),
      // Line and paragraph separators are legal unescaped in JSON strings and must not split an SSE line.
      {
        numRuns: 50,
        examples: [
          ["\u2028", [""]],
          ["x", ["a\u2029b", "\n"]],
        ],
      },
    );
  });
});
