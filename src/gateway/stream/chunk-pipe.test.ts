import { describe, expect, it } from "vitest";
import { pipeChunks, type ChunkPipe, type ChunkSink } from "./chunk-pipe.js";

/** A producer driven by the test: it records what the consumer told it. */
function manualPipe() {
  const seen = { started: 0, resumed: 0, stopped: 0, refused: 0 };
  let sink: ChunkSink | undefined;
  const pipe: ChunkPipe = {
    start(given) {
      seen.started++;
      sink = given;
      return { resume: () => seen.resumed++, stop: () => seen.stopped++ };
    },
  };
  const write = (chunk: string) => {
    if (sink === undefined) throw new Error("not started");
    if (!sink.write(chunk)) seen.refused++;
  };
  return { pipe, seen, write, end: () => sink?.end() };
}

describe("pipeChunks", () => {
  it("starts on the first read, hands chunks over in order, then ends", async () => {
    const { pipe, seen, write, end } = manualPipe();
    const iterator = pipeChunks(pipe)[Symbol.asyncIterator]();
    expect(seen.started).toBe(0);
    const first = iterator.next();
    expect(seen.started).toBe(1);
    write("a");
    write("b");
    expect(await first).toEqual({ value: "a", done: false });
    expect(await iterator.next()).toEqual({ value: "b", done: false });
    const last = iterator.next();
    end();
    expect(await last).toEqual({ value: undefined, done: true });
    expect(seen.stopped).toBe(0);
  });

  it("asks the producer to wait when 16 chunks are held, and to go on once they are read", async () => {
    const { pipe, seen, write, end } = manualPipe();
    const iterator = pipeChunks(pipe)[Symbol.asyncIterator]();
    const first = iterator.next();
    for (let index = 0; index < 20; index++) write(String(index));
    expect(seen.refused).toBe(5);
    expect(seen.resumed).toBe(0);
    const read: unknown[] = [(await first).value];
    for (let index = 1; index < 20; index++) read.push((await iterator.next()).value);
    expect(read).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
    expect(seen.resumed).toBe(1);
    end();
    expect((await iterator.next()).done).toBe(true);
  });

  it("stops the producer when the consumer stops early, and reads nothing after", async () => {
    const { pipe, seen, write } = manualPipe();
    const chunks: unknown[] = [];
    const reading = (async () => {
      for await (const chunk of pipeChunks(pipe)) {
        chunks.push(chunk);
        if (chunks.length === 2) break;
      }
    })();
    await Promise.resolve();
    write("a");
    write("b");
    write("c");
    await reading;
    expect(chunks).toEqual(["a", "b"]);
    expect(seen.stopped).toBe(1);
  });
});
