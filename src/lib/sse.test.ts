import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SseReader, type SseEvent } from "./sse.js";

const text =
  'event: a\ndata: {"text":"héllo ✓ 𝄞"}\n\n' +
  "data: line one\ndata: line two\r\n\r\n" +
  "id: 7\nevent: b\ndata: last\n\n" +
  "data: cut before its blank line\n";
const bytes = new TextEncoder().encode(text);

function readAll(pieces: Uint8Array[]): SseEvent[] {
  const reader = new SseReader();
  return [...pieces.flatMap((piece) => [...reader.push(piece)]), ...reader.end()];
}

describe("SseReader", () => {
  it("delivers complete events with their names and ids, and drops an event cut before its blank line", () => {
    expect(readAll([bytes])).toEqual([
      { event: "a", data: '{"text":"héllo ✓ 𝄞"}' },
      { data: "line one\nline two" },
      { event: "b", data: "last", id: "7" },
    ]);
  });

  it("gives the same events however the bytes are split, even inside a multi-byte character", () => {
    const whole = readAll([bytes]);
    expect(readAll([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(whole);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }), (cuts) => {
        const offsets = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const pieces = offsets.slice(1).map((end, index) => bytes.subarray(offsets[index], end));
        expect(readAll(pieces)).toEqual(whole);
      }),
    );
  });

  it("hands out each event once: what a chunk completes, then nothing more", () => {
    const reader = new SseReader();
    expect(reader.push("data: 1\n")).toEqual([]);
    expect(reader.push("\ndata: 2\n\n")).toEqual([{ data: "1" }, { data: "2" }]);
    expect(reader.push("")).toEqual([]);
    expect(reader.end()).toEqual([]);
  });

  it("a stream whose lines end with a bare CR delivers its last event too", () => {
    const reader = new SseReader();
    expect(reader.push("data: 1\r\rdata: 2\r\r")).toEqual([{ data: "1" }]);
    expect(reader.end()).toEqual([{ data: "2" }]);
    const cut = new SseReader();
    expect([...cut.push("data: 1\r\rdata: 2\r"), ...cut.end()]).toEqual([{ data: "1" }]);
  });

  it("ignores a leading byte order mark, even when it arrives split across chunks", () => {
    const withMark = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("data: 1\n\ndata: \ufeff2\n\n")]);
    const expected = [{ data: "1" }, { data: "\ufeff2" }];
    expect(readAll([withMark])).toEqual(expected);
    expect(readAll([withMark.subarray(0, 1), withMark.subarray(1, 2), withMark.subarray(2)])).toEqual(expected);
  });
});
