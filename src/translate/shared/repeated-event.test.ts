import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RepeatedEvent, type TextSlot } from "./repeated-event.js";

interface Chunk {
  choices?: { delta?: { content?: unknown } }[];
  [key: string]: unknown;
}

/** The Chat decoder's slot, written again here so that the test does not read the code it checks. */
const contentSlot: TextSlot<Chunk> = {
  key: "content",
  get: (chunk) => (chunk.choices?.length === 1 ? chunk.choices[0]?.delta?.content : undefined),
  with: (chunk, text) => {
    const choice = chunk.choices?.[0];
    return { ...chunk, choices: [{ ...choice, delta: { ...choice?.delta, content: text } }] };
  },
};

/** A Chat chunk; `extra` members go before `choices`, or after them with `after`. */
const chunkWith = (text: string, extra: Record<string, unknown> = {}, after = false) =>
  JSON.stringify({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    ...(after ? {} : extra),
    choices: [{ index: 0, delta: { content: text }, finish_reason: null }],
    ...(after ? extra : {}),
  });

/** Reads events as a decoder does: the learned shape first, else a full parse that is learned from. */
function readAll(events: string[]): { values: unknown[]; hits: number } {
  const repeated = new RepeatedEvent(contentSlot);
  let hits = 0;
  const values = events.map((data) => {
    const fast = repeated.read(data);
    if (fast !== undefined) {
      hits += 1;
      return fast;
    }
    const parsed = JSON.parse(data) as Chunk;
    repeated.learn(data, parsed);
    return parsed;
  });
  return { values, hits };
}

describe("RepeatedEvent", () => {
  it("reads the events of one shape after the first without parsing them, equal to their parse", () => {
    const events = ["Hello", ' "quoted" \\ back', "é 世界 😀", "\n\u2028", ""].map((text) => chunkWith(text));
    const { values, hits } = readAll(events);
    expect(hits).toBe(events.length - 1);
    values.forEach((value, index) => expect(JSON.stringify(value)).toBe(events[index]));
  });

  it("parses in full what differs outside the text, and what it cannot place safely", () => {
    const events = [
      chunkWith("a"),
      chunkWith("b", { obfuscation: "x1" }),
      // Same length, different bytes after the text.
      chunkWith("b", { obfuscation: "x1" }, true),
      chunkWith("c", { obfuscation: "x2" }, true),
      chunkWith("c", { usage: null }),
      // A second "content" key: the text's place is not certain, nothing is learned from it.
      JSON.stringify({ choices: [{ delta: { content: "d" } }], meta: { content: "d" } }),
      // The only raw "content" key is not the text's (that one is written with an escape): the
      // text found after it is another member's, which parsing with another text shows.
      '{"choices":[{"delta":{"\\u0063ontent":"a"}}],"x":{"content":"a"}}',
      '{"choices":[{"delta":{"\\u0063ontent":"a"}}],"x":{"content":"zzz"}}',
      // The text written with escapes JSON.stringify does not use: not learned either.
      '{"choices":[{"delta":{"content":"\\u00e9"}}]}',
      '{"choices":[{"delta":{"content":"\\u00e9"}}]}',
      // Not a string where the text was.
      chunkWith("e").replace('"e"', "5"),
      chunkWith("f").replace('"f"', '"f","x":"y"'),
    ];
    const { values } = readAll(events);
    values.forEach((value, index) => expect(value).toEqual(JSON.parse(events[index] as string)));
  });

  it("stops learning after a few tries on a stream whose every event differs", () => {
    const repeated = new RepeatedEvent(contentSlot);
    let learnedAt: number | undefined;
    for (let index = 0; index < 20; index += 1) {
      const data = chunkWith("t", { obfuscation: String(index) });
      if (repeated.read(data) !== undefined) learnedAt = index;
      repeated.learn(data, JSON.parse(data) as Chunk);
    }
    expect(learnedAt).toBeUndefined();
    // Learning stopped: even a repeat of the last shape is not read.
    const last = chunkWith("u", { obfuscation: "19" });
    expect(repeated.read(last)).toBeUndefined();
  });

  it("property: whatever the events and their texts, what it reads is what JSON.parse reads", () => {
    const extra = fc.dictionary(
      fc.string().filter((key) => key !== "choices"),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 3 },
    );
    const event = fc.tuple(fc.string({ unit: "grapheme" }), fc.option(extra, { nil: undefined }), fc.boolean());
    fc.assert(
      fc.property(extra, fc.array(event, { minLength: 1, maxLength: 12 }), (shared, list) => {
        const events = list.map(([text, own, after]) => chunkWith(text, own ?? shared, after));
        const { values } = readAll(events);
        values.forEach((value, index) => expect(JSON.stringify(value)).toBe(events[index]));
      }),
      { numRuns: 400 },
    );
  });
});
