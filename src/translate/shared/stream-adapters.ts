import type { StreamPart } from "../../ir/stream-part.js";
import type { SseEvent } from "../../lib/sse.js";
import type { StreamDecoder, StreamEncoder } from "../translator.js";

/**
 * An encoder's synchronous core as each protocol writes it: one framed string per client event.
 * The gateway wants one string per part (`toStreamEncoder`); `encodeStream` yields event by event
 * (`encodeFrames`), as its callers (tests, the SDK checks) read frames one at a time.
 */
export interface FrameEncoder {
  write(part: StreamPart): string[];
  /** The parts have ended without `finish` or `error`. */
  end(): string[];
  readonly done: boolean;
}

function join(frames: string[]): string {
  return frames.length === 1 ? (frames[0] as string) : frames.join("");
}

export function toStreamEncoder(frames: FrameEncoder): StreamEncoder {
  return {
    push: (part) => (frames.done ? "" : join(frames.write(part))),
    end: () => (frames.done ? "" : join(frames.end())),
    get done() {
      return frames.done;
    },
  };
}

/**
 * `encodeStream` over a synchronous core. The core is made when the first part is asked for, as
 * the generator's body used to start then (ids and timestamps are taken at that moment).
 */
export async function* encodeFrames(
  create: () => FrameEncoder,
  parts: AsyncIterable<StreamPart>,
): AsyncGenerator<string> {
  const encoder = create();
  for await (const part of parts) {
    yield* encoder.write(part);
    if (encoder.done) return;
  }
  yield* encoder.end();
}

/** `decodeStream` over a synchronous core: stops reading once the stream's last part is out. */
export async function* decodeEvents(
  decoder: StreamDecoder,
  events: AsyncIterable<SseEvent>,
): AsyncGenerator<StreamPart> {
  try {
    for await (const event of events) {
      yield* decoder.push(event);
      if (decoder.done) return;
    }
  } catch (error) {
    yield* decoder.fail(error);
    return;
  }
  yield* decoder.end();
}
