import { createParser, type EventSourceMessage } from "eventsource-parser";

/** One server-sent event. `event` is undefined when the stream sent only `data:` lines (OpenAI Chat). */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Parses an SSE byte stream into events, chunk by chunk. Chunk boundaries may fall anywhere,
 * even inside a multi-byte UTF-8 character.
 *
 * A hand-written iterator rather than an async generator: a translated stream passes every event
 * through several layers, and an event already parsed is handed over with one resolved promise
 * instead of a generator's several microtask hops.
 */
export function parseSse(body: AsyncIterable<Uint8Array | string>): AsyncIterableIterator<SseEvent> {
  let queue: SseEvent[] = [];
  let head = 0;
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      const event: SseEvent = { data: message.data };
      if (message.event !== undefined) event.event = message.event;
      if (message.id !== undefined) event.id = message.id;
      queue.push(event);
    },
  });
  const decoder = new TextDecoder();
  const source = body[Symbol.asyncIterator]();
  let sourceDone = false;
  let returned = false;
  const done: IteratorReturnResult<undefined> = { value: undefined, done: true };

  async function readMore(): Promise<IteratorResult<SseEvent>> {
    while (head >= queue.length) {
      if (sourceDone || returned) return done;
      const next = await source.next();
      queue = [];
      head = 0;
      if (next.done === true) {
        sourceDone = true;
        // An event without its closing blank line is incomplete (the stream was cut) and is not delivered.
        parser.feed(decoder.decode());
      } else {
        const chunk = next.value;
        parser.feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      }
    }
    return { value: queue[head++] as SseEvent, done: false };
  }

  return {
    next() {
      if (returned) return Promise.resolve(done);
      if (head < queue.length) return Promise.resolve({ value: queue[head++] as SseEvent, done: false });
      return readMore();
    },
    async return() {
      // The consumer stopped early: release the body, as a `for await` over it would.
      if (!returned && !sourceDone) {
        returned = true;
        await source.return?.();
      }
      returned = true;
      return done;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Frames one event. `data` is written on one line: callers pass JSON, which has no raw newlines. */
export function formatSse(event: string | undefined, data: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
