import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { parseSse } from "../../lib/sse.js";
import { decodeStream } from "./decode-stream.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromArray } from "./testing/stream-fixtures.js";

/**
 * decodeStream(encodeStream(parts)) = parts for streams in the order Chat can carry them: reasoning,
 * then text, then tool calls one after another, every block closed before the finish.
 */
const delta = fc.string({ minLength: 1, maxLength: 8 });
const stream = fc
  .record({
    reasoning: fc.array(delta, { maxLength: 3 }),
    opaque: fc.option(fc.base64String({ minLength: 4, maxLength: 12 }), { nil: undefined }),
    text: fc.array(delta, { maxLength: 3 }),
    calls: fc.array(
      fc.record({ name: fc.stringMatching(/^[a-z_]{1,8}$/), deltas: fc.array(delta, { maxLength: 3 }) }),
      { maxLength: 3 },
    ),
    finish: fc.constantFrom(
      { unified: "stop" as const, raw: "stop" },
      { unified: "length" as const, raw: "length" },
      { unified: "tool-calls" as const, raw: "tool_calls" },
      { unified: "content-filter" as const, raw: "content_filter" },
    ),
    usage: fc.record({
      inputTokens: fc.nat(),
      outputTokens: fc.nat(),
      cacheReadTokens: fc.nat(),
      reasoningTokens: fc.nat(),
    }),
  })
  .map(({ reasoning, opaque, text, calls, finish, usage }): StreamPart[] => {
    const parts: StreamPart[] = [{ type: "response-start", id: "chatcmpl-x", model: "alias", created: 5 }];
    let counter = 0;
    if (reasoning.length > 0 || opaque !== undefined) {
      const id = `reasoning-${counter++}`;
      parts.push(
        { type: "reasoning-start", id },
        ...reasoning.map((value): StreamPart => ({ type: "reasoning-delta", id, delta: value })),
      );
      parts.push(
        opaque === undefined ? { type: "reasoning-end", id } : { type: "reasoning-end", id, encryptedContent: opaque },
      );
    }
    if (text.length > 0) {
      const id = `text-${counter++}`;
      parts.push(
        { type: "text-start", id },
        ...text.map((value): StreamPart => ({ type: "text-delta", id, delta: value })),
        { type: "text-end", id },
      );
    }
    calls.forEach((call, index) => {
      const id = `tool-${index}`;
      parts.push({ type: "tool-input-start", id, callId: `call_${index}x`, name: call.name, kind: "function" });
      parts.push(...call.deltas.map((value): StreamPart => ({ type: "tool-input-delta", id, delta: value })));
    });
    calls.forEach((_call, index) => parts.push({ type: "tool-input-end", id: `tool-${index}` }));
    parts.push({ type: "finish", reason: finish, usage });
    return parts;
  });

describe("stream round trip through Chat SSE", () => {
  it("decodeStream(encodeStream(parts)) equals parts", async () => {
    await fc.assert(
      fc.asyncProperty(stream, async (parts) => {
        const sse = await collect(encodeStream(fromArray(parts), { model: "alias", includeUsage: true }));
        const decoded = await collect(decodeStream(parseSse(fromArray(sse))));
        expect(decoded).toEqual(parts);
      }),
    );
  });
});
