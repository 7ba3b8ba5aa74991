import { randomId } from "../../lib/random-id.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { OutputItem } from "../../protocols/openai-responses/types.js";
import { encodeFrames, toStreamEncoder, type FrameEncoder } from "../shared/stream-adapters.js";
import type { EncodeResponseOptions, StreamEncoder } from "../translator.js";
import { ResponsesStreamWriter } from "./encode-stream-writer.js";
import { readExtension } from "./extensions.js";
import { responseIdFrom } from "./item-ids.js";

/**
 * IR parts → the Responses events Codex and the SDK accept: `response.created`,
 * `response.in_progress`, then per output item `output_item.added`, its content events,
 * `output_item.done`, and last `response.completed` (or `.incomplete`) with usage — or, for an
 * IR error, the `error` event followed by `response.failed`. Every event has a `sequence_number`.
 */
export function encodeStream(parts: AsyncIterable<StreamPart>, options: EncodeResponseOptions): AsyncGenerator<string> {
  return encodeFrames(() => new ResponsesFrameEncoder(options.model), parts);
}

export function createStreamEncoder(options: EncodeResponseOptions): StreamEncoder {
  return toStreamEncoder(new ResponsesFrameEncoder(options.model));
}

class ResponsesFrameEncoder implements FrameEncoder {
  done = false;
  private readonly now = Math.floor(Date.now() / 1000);
  private writer: ResponsesStreamWriter | undefined;

  constructor(private readonly model: string) {}

  write(part: StreamPart): string[] {
    let frames: string[] = [];
    if (this.writer === undefined) {
      // A stream should open with `response-start`; when it does not, we still open the response first.
      const start = part.type === "response-start" && part.id !== "" ? part : undefined;
      this.writer = new ResponsesStreamWriter(
        start === undefined ? randomId("resp_") : responseIdFrom(start.id),
        this.model,
        start?.created ?? this.now,
      );
      frames = this.writer.start();
    }
    const events = this.encode(this.writer, part);
    return frames.length === 0 ? events : [...frames, ...events];
  }

  end(): string[] {
    let frames: string[] = [];
    if (this.writer === undefined) {
      this.writer = new ResponsesStreamWriter(randomId("resp_"), this.model, this.now);
      frames = this.writer.start();
    }
    this.done = true;
    return [
      ...frames,
      ...this.writer.error(new GatewayError("upstream_error", "The response ended before it was complete.")),
    ];
  }

  private encode(writer: ResponsesStreamWriter, part: StreamPart): string[] {
    switch (part.type) {
      case "response-start":
        return [];
      case "text-start":
        return writer.textStart(part.id);
      case "reasoning-start":
        return writer.reasoningStart(part.id, part.itemId);
      case "tool-input-start":
        return writer.toolStart(part);
      case "text-delta":
      case "reasoning-delta":
      case "tool-input-delta":
        return writer.delta(part.id, part.delta);
      case "text-end": {
        const annotations = readExtension(part).annotations;
        return writer.end(part.id, undefined, Array.isArray(annotations) ? annotations : []);
      }
      case "tool-input-end":
        return writer.end(part.id);
      case "reasoning-end":
        return writer.end(part.id, part);
      case "finish":
        this.done = true;
        return writer.finish(part.reason, part.usage, otherItems(part));
      case "error":
        this.done = true;
        return writer.error(part.error);
    }
  }
}

/** The hosted-tool items a Responses decoder kept on the finish part, in their original order. */
function otherItems(finish: Extract<StreamPart, { type: "finish" }>): OutputItem[] {
  const kept = readExtension(finish).otherItems;
  if (!Array.isArray(kept)) return [];
  return (kept as Array<{ index: number; item: OutputItem }>)
    .slice()
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.item);
}
