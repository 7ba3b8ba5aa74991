import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { BoundedEventStore } from "./bounded-event-store.js";

const progress = (value: number): JSONRPCMessage => ({
  jsonrpc: "2.0",
  method: "notifications/progress",
  params: { progressToken: 1, progress: value },
});

describe("BoundedEventStore", () => {
  it("replays a stream's events after the last one the client saw, and only that stream's", async () => {
    const store = new BoundedEventStore();
    const first = await store.storeEvent("a", progress(1));
    await store.storeEvent("b", progress(99));
    await store.storeEvent("a", progress(2));
    await store.storeEvent("a", progress(3));
    const replayed: unknown[] = [];
    const streamId = await store.replayEventsAfter(first, {
      send: async (_id, message) => void replayed.push(message),
    });
    expect(streamId).toBe("a");
    expect(replayed).toEqual([progress(2), progress(3)]);
    expect(await store.getStreamIdForEventId(first)).toBe("a");
  });

  it("forgets events beyond its capacity: an event it no longer has replays nothing", async () => {
    const store = new BoundedEventStore(2);
    const old = await store.storeEvent("a", progress(1));
    await store.storeEvent("a", progress(2));
    await store.storeEvent("a", progress(3));
    const replayed: unknown[] = [];
    expect(await store.replayEventsAfter(old, { send: async (_id, message) => void replayed.push(message) })).toBe("");
    expect(replayed).toEqual([]);
  });
});
