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
 */
export async function* parseSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const queue: SseEvent[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      const event: SseEvent = { data: message.data };
      if (message.event !== undefined) event.event = message.event;
      if (message.id !== undefined) event.id = message.id;
      queue.push(event);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) yield queue.shift() as SseEvent;
  }
  parser.feed(decoder.decode());
  // An event without its closing blank line is incomplete (the stream was cut) and is not delivered.
  while (queue.length > 0) yield queue.shift() as SseEvent;
}

/** Frames one event. `data` is written on one line: callers pass JSON, which has no raw newlines. */
export function formatSse(event: string | undefined, data: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
