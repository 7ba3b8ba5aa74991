import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { decodeStream } from "./decode-stream.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fixtureSse, fromChunks, sseEvents } from "./testing/fixture-stream.js";
import { decodeStopReason } from "./map-stop-reason.js";

/** Block ids are the wire indexes, so a generated stream that uses them comes back identical. */
type Block = (index: string) => StreamPart[];

const delta = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" });
const textBlock = fc
  .array(delta, { maxLength: 4 })
  .map((deltas): Block => (id) => [
    { type: "text-start", id },
    ...deltas.map((text): StreamPart => ({ type: "text-delta", id, delta: text })),
    { type: "text-end", id },
  ]);
const thinkingBlock = fc
  .record({
    deltas: fc.array(delta, { maxLength: 4 }),
    signature: fc.option(fc.base64String({ minLength: 4 }), { nil: undefined }),
  })
  .map(({ deltas, signature }): Block => (id) => [
    { type: "reasoning-start", id },
    ...deltas.map((text): StreamPart => ({ type: "reasoning-delta", id, delta: text })),
    signature === undefined ? { type: "reasoning-end", id } : { type: "reasoning-end", id, signature },
  ]);
const redactedBlock = fc.base64String({ minLength: 4 }).map((data): Block => (id) => [
  { type: "reasoning-start", id },
  { type: "reasoning-end", id, redactedData: data },
]);
const toolBlock = fc
  .record({
    callId: fc.uuid(),
    name: fc.stringMatching(/^[a-z_]{1,10}$/),
    input: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    cuts: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map(({ callId, name, input, cuts }): Block => (id) => {
    const json = JSON.stringify(input);
    const points = [...new Set(cuts.map((cut) => cut % json.length))]
      .sort((a, b) => a - b)
      .filter((point) => point > 0);
    const pieces = [0, ...points].map((start, index) => json.slice(start, points[index] ?? json.length));
    return [
      { type: "tool-input-start", id, callId, name, kind: "function" },
      ...pieces.map((piece): StreamPart => ({ type: "tool-input-delta", id, delta: piece })),
      { type: "tool-input-end", id },
    ];
  });

const stream: fc.Arbitrary<StreamPart[]> = fc
  .record({
    blocks: fc.array(fc.oneof(textBlock, thinkingBlock, redactedBlock, toolBlock), { maxLength: 5 }),
    stop: fc.constantFrom(
      "end_turn",
      "max_tokens",
      "tool_use",
      "pause_turn",
      "refusal",
      "model_context_window_exceeded",
      "stop_sequence",
    ),
    usage: fc.record({ fresh: fc.nat(5000), read: fc.nat(5000), write: fc.nat(5000), output: fc.nat(5000) }),
  })
  .map(({ blocks, stop, usage }) => {
    const counts = {
      inputTokens: usage.fresh + usage.read + usage.write,
      cacheReadTokens: usage.read,
      cacheWriteTokens: usage.write,
    };
    return [
      { type: "response-start", id: "msg_1", model: "claude-opus-4-8", usage: { ...counts, outputTokens: 1 } },
      ...blocks.flatMap((block, index) => block(String(index))),
      {
        type: "finish",
        reason: decodeStopReason(stop, stop === "stop_sequence" ? "END" : null),
        usage: { ...counts, outputTokens: usage.output },
      },
    ];
  });

async function encodeToText(parts: StreamPart[]): Promise<string> {
  return (await collect(encodeStream(fromChunks(parts), { model: "claude-opus-4-8" }))).join("");
}

function splitAt(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((start, index) => bytes.slice(start, points[index] ?? bytes.length));
}

const printable = (parts: StreamPart[]) =>
  parts.map((part) => (part.type === "error" ? { type: "error", code: part.error.code } : part));

describe("Anthropic stream (property)", () => {
  it("decodeStream(encodeStream(parts)) equals parts", async () => {
    await fc.assert(
      fc.asyncProperty(stream, async (parts) => {
        expect(await collect(decodeStream(sseEvents(await encodeToText(parts))))).toEqual(parts);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same parts whatever byte offsets the SSE is split at", async () => {
    const fixtures = ["anthropic-tool-use.1", "anthropic-thinking.1", "anthropic-cut.1", "anthropic-overloaded.1"].map(
      (name) => fixtureSse(`${name}.chunks.txt`),
    );
    const source = fc.oneof(
      fc.constantFrom(...fixtures),
      stream.map((parts) => encodeToText(parts)),
    );
    await fc.assert(
      fc.asyncProperty(source, fc.array(fc.nat(), { maxLength: 40 }), async (text, offsets) => {
        const sse = await text;
        const whole = printable(await collect(decodeStream(sseEvents(sse))));
        const pieces = splitAt(new TextEncoder().encode(sse), offsets);
        expect(printable(await collect(decodeStream(sseEvents(pieces))))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });
});
