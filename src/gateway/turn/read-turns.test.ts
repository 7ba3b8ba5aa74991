import { Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { readTurns } from "./read-turns.js";

describe("readTurns", () => {
  it("hands over every chunk that arrived in one turn as one, then the next turn's", async () => {
    const body = new Readable({ read() {} });
    const reads: string[] = [];
    readTurns(body, (chunk) => {
      reads.push(String(chunk));
      return true;
    });
    body.push("data: 1\n\n");
    body.push("data: 2\n\n");
    body.push("data: 3\n\n");
    await nextTurn();
    body.push("data: 4\n\n");
    body.push(null);
    await new Promise((resolve) => body.once("end", resolve));
    expect(reads).toEqual(["data: 1\n\ndata: 2\n\ndata: 3\n\n", "data: 4\n\n"]);
  });

  it("reads nothing more while the consumer is full, holds the producer back, and goes on at resume", async () => {
    let produced = 0;
    const body = new Readable({
      highWaterMark: 64,
      read() {
        produced++;
        this.push(produced <= 40 ? "x".repeat(32) : null);
      },
    });
    const reads: string[] = [];
    const reader = readTurns(body, (chunk) => {
      reads.push(String(chunk));
      return false;
    });
    await nextTurn();
    await nextTurn();
    expect(reads).toHaveLength(1);
    // The producer stopped at the buffer's limit: far short of its 40 chunks.
    expect(produced).toBeLessThan(10);
    const ended = new Promise((resolve) => body.once("end", resolve));
    let more = true;
    while (more) {
      reader.resume();
      await nextTurn();
      more = !body.readableEnded;
    }
    await ended;
    expect(reads.join("")).toBe("x".repeat(32 * 40));
  });

  it("reads nothing after stop", async () => {
    const body = new Readable({ read() {} });
    const reads: string[] = [];
    const reader = readTurns(body, (chunk) => {
      reads.push(String(chunk));
      return true;
    });
    body.push("one");
    await nextTurn();
    reader.stop();
    body.push("two");
    await nextTurn();
    expect(reads).toEqual(["one"]);
  });
});
