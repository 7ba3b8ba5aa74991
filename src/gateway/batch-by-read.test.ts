import { describe, expect, it } from "vitest";
import { batchByRead } from "./batch-by-read.js";
import { Channel } from "./channel.js";

/** A pipeline that turns each upstream read ("a,b,c") into one output piece per letter. */
async function* splitEach(input: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const read of input) for (const letter of read.split(",")) yield letter;
}

describe("batchByRead", () => {
  it("hands out what one read made as one chunk, in order", async () => {
    const upstream = new Channel<string>();
    upstream.push("a,b,c");
    upstream.push("d,e");
    upstream.close();
    const chunks: string[] = [];
    for await (const chunk of batchByRead(upstream[Symbol.asyncIterator](), splitEach)) chunks.push(chunk);
    expect(chunks).toEqual(["abc", "de"]);
  });

  it("does not hold a read's output until the next read arrives", async () => {
    const upstream = new Channel<string>();
    const batches = batchByRead(upstream[Symbol.asyncIterator](), splitEach);
    upstream.push("a,b");
    // The second read has not come (and may never): the first read's output is out already.
    await expect(batches.next()).resolves.toEqual({ value: "ab", done: false });
    upstream.push("c");
    upstream.close();
    await expect(batches.next()).resolves.toEqual({ value: "c", done: false });
    await expect(batches.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("delivers what was made before a failure, then the failure", async () => {
    async function* failAfterTwo(input: AsyncIterable<string>): AsyncGenerator<string> {
      for await (const read of input) {
        yield read;
        yield read.toUpperCase();
        throw new Error("decoder failed");
      }
    }
    const upstream = new Channel<string>();
    upstream.push("x");
    const batches = batchByRead(upstream[Symbol.asyncIterator](), failAfterTwo);
    await expect(batches.next()).resolves.toEqual({ value: "xX", done: false });
    await expect(batches.next()).rejects.toThrow("decoder failed");
  });

  it("stops at once when the reader leaves while the upstream is silent", async () => {
    const upstream = new Channel<string>();
    const batches = batchByRead(upstream[Symbol.asyncIterator](), splitEach);
    upstream.push("a");
    await expect(batches.next()).resolves.toEqual({ value: "a", done: false });
    // Nothing more comes from the upstream: leaving must not wait for it.
    await expect(batches.return(undefined)).resolves.toEqual({ value: undefined, done: true });
    upstream.close();
  });
});
