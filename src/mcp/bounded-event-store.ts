import type { EventId, EventStore, StreamId } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/**
 * The events of one session's SSE streams, kept so that a client that lost its connection can
 * resume a stream with `Last-Event-ID` (the SDK replays what follows). Only the last `capacity`
 * events are kept: a client that fell further behind starts over, as after a restart of the
 * gateway (nothing is persisted).
 */
export class BoundedEventStore implements EventStore {
  private readonly events: Array<{ eventId: EventId; streamId: StreamId; message: JSONRPCMessage }> = [];
  private counter = 0;

  constructor(private readonly capacity = 1000) {}

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    this.counter += 1;
    const eventId = `${streamId}_${this.counter}`;
    this.events.push({ eventId, streamId, message });
    if (this.events.length > this.capacity) this.events.shift();
    return eventId;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.events.find((event) => event.eventId === eventId)?.streamId;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const at = this.events.findIndex((event) => event.eventId === lastEventId);
    if (at < 0) return "";
    const streamId = this.events[at]?.streamId ?? "";
    for (const event of this.events.slice(at + 1)) {
      if (event.streamId === streamId) await send(event.eventId, event.message);
    }
    return streamId;
  }
}
