import { randomId } from "../../lib/random-id.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { OutputItem } from "../../protocols/openai-responses/types.js";
import type { EncodeResponseOptions } from "../translator.js";
import { ResponsesStreamWriter } from "./encode-stream-writer.js";
import { readExtension } from "./extensions.js";
import { responseIdFrom } from "./item-ids.js";

/**
 * IR parts → the Responses events Codex and the SDK accept: `response.created`,
 * `response.in_progress`, then per output item `output_item.added`, its content events,
 * `output_item.done`, and last `response.completed` (or `.incomplete`) with usage — or, for an
 * IR error, the `error` event followed by `response.failed`. Every event has a `sequence_number`.
 */
export async function* encodeStream(
  parts: AsyncIterable<StreamPart>,
  options: EncodeResponseOptions,
): AsyncGenerator<string> {
  const now = Math.floor(Date.now() / 1000);
  let writer: ResponsesStreamWriter | undefined;
  for await (const part of parts) {
    if (writer === undefined) {
      // A stream should open with `response-start`; when it does not, we still open the response first.
      const start = part.type === "response-start" && part.id !== "" ? part : undefined;
      writer = new ResponsesStreamWriter(
        start === undefined ? randomId("resp_") : responseIdFrom(start.id),
        options.model,
        start?.created ?? now,
      );
      yield* writer.start();
    }
    const current = writer;
    switch (part.type) {
      case "response-start":
        break;
      case "text-start":
        yield* current.textStart(part.id);
        break;
      case "reasoning-start":
        yield* current.reasoningStart(part.id, part.itemId);
        break;
      case "tool-input-start":
        yield* current.toolStart(part);
        break;
      case "text-delta":
      case "reasoning-delta":
      case "tool-input-delta":
        yield* current.delta(part.id, part.delta);
        break;
      case "text-end": {
        const annotations = readExtension(part).annotations;
        yield* current.end(part.id, undefined, Array.isArray(annotations) ? annotations : []);
        break;
      }
      case "tool-input-end":
        yield* current.end(part.id);
        break;
      case "reasoning-end":
        yield* current.end(part.id, part);
        break;
      case "finish":
        yield* current.finish(part.reason, part.usage, otherItems(part));
        return;
      case "error":
        yield* current.error(part.error);
        return;
    }
  }
  if (writer === undefined) {
    writer = new ResponsesStreamWriter(randomId("resp_"), options.model, now);
    yield* writer.start();
  }
  yield* writer.error(new GatewayError("upstream_error", "The response ended before it was complete."));
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
