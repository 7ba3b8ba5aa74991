import { randomId } from "../../lib/random-id.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { formatSse } from "../../lib/sse.js";
import { renderStreamError } from "../../protocols/openai-chat/errors.js";
import type { ChatChunk, ChatDelta } from "../../protocols/openai-chat/types.js";
import { encodeFrames, toStreamEncoder, type FrameEncoder } from "../shared/stream-adapters.js";
import type { EncodeResponseOptions, StreamEncoder } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { encodeFinishReason } from "./map-finish-reason.js";
import { defaultReasoningField } from "./reasoning-fields.js";

/**
 * IR parts → Chat SSE: every chunk shares one id; the first delta carries the role; tool calls
 * are numbered by `index` in the order they start; after `finish_reason` comes the usage-only
 * chunk (empty `choices`) when the client asked for it, then `data: [DONE]`.
 */
export function encodeStream(parts: AsyncIterable<StreamPart>, options: EncodeResponseOptions): AsyncGenerator<string> {
  return encodeFrames(() => new ChatFrameEncoder(options), parts);
}

export function createStreamEncoder(options: EncodeResponseOptions): StreamEncoder {
  return toStreamEncoder(new ChatFrameEncoder(options));
}

class ChatFrameEncoder implements FrameEncoder {
  done = false;
  private id = randomId("chatcmpl-");
  private created = Math.floor(Date.now() / 1000);
  private roleSent = false;
  private readonly toolIndexes = new Map<string, number>();

  constructor(private readonly options: EncodeResponseOptions) {}

  private chunk(delta: ChatDelta, finishReason: ChatChunk["choices"][number]["finish_reason"] = null): string {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: "assistant", ...delta };
    }
    const body: ChatChunk = {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.options.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
    return formatSse(undefined, JSON.stringify(body));
  }

  write(part: StreamPart): string[] {
    switch (part.type) {
      case "response-start":
        if (part.id.length > 0) this.id = part.id;
        if (part.created !== undefined) this.created = part.created;
        return [this.chunk({ content: "" })];
      case "text-delta":
        return [this.chunk({ content: part.delta })];
      case "reasoning-delta":
        return [this.chunk({ [defaultReasoningField]: part.delta })];
      case "reasoning-end":
        // Copilot-style opaque state only; a Responses item's encrypted content (it has an item id) means nothing here.
        if (part.encryptedContent !== undefined && part.itemId === undefined) {
          return [this.chunk({ reasoning_opaque: part.encryptedContent })];
        }
        return [];
      case "tool-input-start": {
        const index = this.toolIndexes.size;
        this.toolIndexes.set(part.id, index);
        return [
          this.chunk({
            tool_calls: [{ index, id: part.callId, type: "function", function: { name: part.name, arguments: "" } }],
          }),
        ];
      }
      case "tool-input-delta": {
        const index = this.toolIndexes.get(part.id);
        if (index === undefined) return [];
        return [this.chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] })];
      }
      case "finish":
        this.done = true;
        return this.finish(part);
      case "error":
        this.done = true;
        return [renderStreamError(part.error)];
      default:
        // Block starts and ends have no Chat event of their own.
        return [];
    }
  }

  /** Parts that end without `finish` or `error` leave the Chat stream as it is. */
  end(): string[] {
    return [];
  }

  private finish(part: Extract<StreamPart, { type: "finish" }>): string[] {
    const frames = [this.chunk({}, encodeFinishReason(part.reason))];
    if (this.options.includeUsage === true) {
      const usageChunk: ChatChunk = {
        id: this.id,
        object: "chat.completion.chunk",
        created: this.created,
        model: this.options.model,
        choices: [],
        usage: encodeUsage(part.usage),
      };
      frames.push(formatSse(undefined, JSON.stringify(usageChunk)));
    }
    frames.push(formatSse(undefined, "[DONE]"));
    return frames;
  }
}
