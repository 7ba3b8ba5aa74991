import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSse } from "../../lib/sse.js";
import { decodeStream } from "./decode-stream.js";
import { chunksOf, collect, fixtureSse, readable } from "./testing/stream-fixtures.js";

/** Splits bytes at the given offsets: boundaries may fall inside a line or a multi-byte character. */
function split(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  return pieces;
}

const fixtures = [
  "openai-chat-tool-calls.1.chunks.txt",
  "github-copilot-reasoning.1.chunks.txt",
  "openai-chat-error.1.chunks.txt",
  "openai-chat-cut.1.chunks.txt",
];

describe("chunk boundaries", () => {
  for (const name of fixtures) {
    it(`${name} decodes to the same parts however the bytes are split`, async () => {
      const bytes = new TextEncoder().encode(fixtureSse(name));
      const whole = readable(await collect(decodeStream(parseSse(chunksOf(bytes)))));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (offsets) => {
          const pieces = readable(await collect(decodeStream(parseSse(chunksOf(...split(bytes, offsets))))));
          expect(pieces).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    });
  }
});
