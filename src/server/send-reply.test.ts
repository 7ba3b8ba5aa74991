import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { drainOrClose } from "./send-reply.js";

describe("drainOrClose", () => {
  it("leaves no listener behind, however many times a slow client makes the stream wait", async () => {
    const stream = new EventEmitter();
    for (let round = 0; round < 50; round += 1) {
      const waiting = drainOrClose(stream);
      stream.emit("drain");
      await waiting;
    }
    expect(stream.listenerCount("close")).toBe(0);
    expect(stream.listenerCount("drain")).toBe(0);
  });

  it("stops waiting when the client leaves", async () => {
    const stream = new EventEmitter();
    const waiting = drainOrClose(stream);
    stream.emit("close");
    await waiting;
    expect(stream.listenerCount("drain")).toBe(0);
  });
});
