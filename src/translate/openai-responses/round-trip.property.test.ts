import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { parseSse } from "../../lib/sse.js";
import { supportedRequest, supportedStream } from "./testing/arbitraries.js";
import { decodeRequest } from "./decode-request.js";
import { decodeStream } from "./decode-stream.js";
import { encodeRequest } from "./encode-request.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromArray, readChunksAsSse } from "./testing/fixtures.js";

/** Extensions hold Responses bookkeeping (item positions, roles); the neutral content must match without them. */
function withoutExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExtensions);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "extensions")
      .map(([key, field]) => [key, withoutExtensions(field)]),
  );
}

/** Block ids are the codec's own (`text-0-0`, `tool-1`); renumber them by first appearance. */
function renumber(parts: StreamPart[]): unknown[] {
  const ids = new Map<string, string>();
  return parts.map((part) => {
    if (part.type === "finish") return { type: "finish", unified: part.reason.unified, usage: part.usage };
    if (!("id" in part) || part.type === "response-start") return part;
    if (!ids.has(part.id)) ids.set(part.id, `block-${ids.size}`);
    return { ...part, id: ids.get(part.id) };
  });
}

/** Splits bytes at the given offsets, so chunk boundaries fall anywhere, even inside a UTF-8 character. */
function split(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(previous, cut));
    previous = cut;
  }
  return chunks;
}

const decodeBytes = (chunks: Uint8Array[]): Promise<StreamPart[]> => collect(decodeStream(parseSse(fromArray(chunks))));

describe("round trips", () => {
  it("decodeRequest(encodeRequest(ir)) equals ir on the supported subset", () => {
    fc.assert(
      fc.property(supportedRequest, (request) => {
        const { body, warnings } = encodeRequest(request, { model: request.model });
        expect(warnings).toEqual([]);
        const decoded = decodeRequest(body).request;
        expect(withoutExtensions(decoded)).toEqual(withoutExtensions(request));
      }),
      { numRuns: 300 },
    );
  });

  it("decodeStream(encodeStream(parts)) equals the parts, however the bytes are split", async () => {
    await fc.assert(
      fc.asyncProperty(supportedStream, fc.array(fc.nat(), { maxLength: 12 }), async (parts, offsets) => {
        const sse = (await collect(encodeStream(fromArray(parts), { model: "gpt-5.5" }))).join("");
        const decoded = await decodeBytes(split(new TextEncoder().encode(sse), offsets));
        expect(renumber(decoded)).toEqual(renumber(parts));
      }),
      { numRuns: 200 },
    );
  });
});

describe("chunk-boundary invariance on the fixtures", () => {
  it.each([
    "openai-reasoning-text-function-call.1.chunks.txt",
    "github-copilot-item-id-rotation.1.chunks.txt",
    "openai-custom-tool-call-namespace.1.chunks.txt",
  ])("%s decodes to the same parts at any split", async (name) => {
    const bytes = new TextEncoder().encode(readChunksAsSse(name));
    const whole = await decodeBytes([bytes]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 20 }), async (offsets) => {
        expect(await decodeBytes(split(bytes, offsets))).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });
});
