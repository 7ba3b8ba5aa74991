import { StringDecoder } from "node:string_decoder";
import { createParser, type EventSourceMessage } from "eventsource-parser";

/** One server-sent event. `event` is undefined when the stream sent only `data:` lines (OpenAI Chat). */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

const noEvents: readonly SseEvent[] = Object.freeze([]);

/**
 * Parses an SSE byte stream synchronously, one chunk at a time: `push` returns the events the
 * chunk completes. Chunk boundaries may fall anywhere, even inside a multi-byte UTF-8 character.
 * No promise per event: a translated stream runs each upstream read through its whole chain in
 * one pass.
 */
export class SseReader {
  private events: SseEvent[] = [];
  /** Node's own decoder: `TextDecoder.decode(chunk, { stream: true })` costs about 3× as much per chunk (option checks). */
  private readonly decoder = new StringDecoder("utf8");
  private readonly parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      const event: SseEvent = { data: message.data };
      if (message.event !== undefined) event.event = message.event;
      if (message.id !== undefined) event.id = message.id;
      this.events.push(event);
    },
  });

  private started = false;
  /** The text so far ends with a CR, which the parser holds back in case an LF follows. */
  private endsWithCarriageReturn = false;

  push(chunk: Uint8Array | string): readonly SseEvent[] {
    let text = typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    if (!this.started && text !== "") {
      this.started = true;
      // The SSE standard ignores a leading byte order mark (`TextDecoder` dropped it; this one keeps it).
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text !== "") this.endsWithCarriageReturn = text.charCodeAt(text.length - 1) === 0x0d;
    this.parser.feed(text);
    return this.take();
  }

  /** The input ended. An event without its closing blank line is incomplete (the stream was cut) and is not delivered. */
  end(): readonly SseEvent[] {
    const rest = this.decoder.end();
    // At the end, a held-back CR ends its line: an LF makes it the CRLF the parser waits for.
    this.parser.feed(rest === "" && this.endsWithCarriageReturn ? "\n" : rest);
    return this.take();
  }

  private take(): readonly SseEvent[] {
    if (this.events.length === 0) return noEvents;
    const events = this.events;
    this.events = [];
    return events;
  }
}

/**
 * Parses an SSE byte stream into events, chunk by chunk (an `SseReader` over an async body).
 *
 * A hand-written iterator rather than an async generator: an event already parsed is handed over
 * with one resolved promise instead of a generator's several microtask hops.
 */
export function parseSse(body: AsyncIterable<Uint8Array | string>): AsyncIterableIterator<SseEvent> {
  const reader = new SseReader();
  let queue: readonly SseEvent[] = noEvents;
  let head = 0;
  const source = body[Symbol.asyncIterator]();
  let sourceDone = false;
  let returned = false;
  const done: IteratorReturnResult<undefined> = { value: undefined, done: true };

  async function readMore(): Promise<IteratorResult<SseEvent>> {
    while (head >= queue.length) {
      if (sourceDone || returned) return done;
      const next = await source.next();
      head = 0;
      if (next.done === true) {
        sourceDone = true;
        queue = reader.end();
      } else {
        queue = reader.push(next.value);
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
