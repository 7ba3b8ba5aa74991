import { randomId } from "../../lib/random-id.js";
import type { StreamPart } from "../../ir/stream-part.js";
import { formatSse } from "../../lib/sse.js";
import { renderStreamError } from "../../protocols/openai-chat/errors.js";
import type { ChatChunk, ChatDelta } from "../../protocols/openai-chat/types.js";
import type { EncodeResponseOptions } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { encodeFinishReason } from "./map-finish-reason.js";
import { defaultReasoningField } from "./reasoning-fields.js";

/**
 * IR parts → Chat SSE: every chunk shares one id; the first delta carries the role; tool calls
 * are numbered by `index` in the order they start; after `finish_reason` comes the usage-only
 * chunk (empty `choices`) when the client asked for it, then `data: [DONE]`.
 */
export async function* encodeStream(
  parts: AsyncIterable<StreamPart>,
  options: EncodeResponseOptions,
): AsyncGenerator<string> {
  let id = randomId("chatcmpl-");
  let created = Math.floor(Date.now() / 1000);
  let roleSent = false;
  const toolIndexes = new Map<string, number>();
  const chunk = (delta: ChatDelta, finishReason: ChatChunk["choices"][number]["finish_reason"] = null): string => {
    if (!roleSent) {
      roleSent = true;
      delta = { role: "assistant", ...delta };
    }
    const body: ChatChunk = {
      id,
      object: "chat.completion.chunk",
      created,
      model: options.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
    return formatSse(undefined, JSON.stringify(body));
  };
  for await (const part of parts) {
    switch (part.type) {
      case "response-start":
        if (part.id.length > 0) id = part.id;
        if (part.created !== undefined) created = part.created;
        yield chunk({ content: "" });
        break;
      case "text-delta":
        yield chunk({ content: part.delta });
        break;
      case "reasoning-delta":
        yield chunk({ [defaultReasoningField]: part.delta });
        break;
      case "reasoning-end":
        // Copilot-style opaque state only; a Responses item's encrypted content (it has an item id) means nothing here.
        if (part.encryptedContent !== undefined && part.itemId === undefined) {
          yield chunk({ reasoning_opaque: part.encryptedContent });
        }
        break;
      case "tool-input-start": {
        const index = toolIndexes.size;
        toolIndexes.set(part.id, index);
        yield chunk({
          tool_calls: [{ index, id: part.callId, type: "function", function: { name: part.name, arguments: "" } }],
        });
        break;
      }
      case "tool-input-delta": {
        const index = toolIndexes.get(part.id);
        if (index !== undefined) yield chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] });
        break;
      }
      case "finish":
        yield chunk({}, encodeFinishReason(part.reason));
        if (options.includeUsage === true) {
          const usageChunk: ChatChunk = {
            id,
            object: "chat.completion.chunk",
            created,
            model: options.model,
            choices: [],
            usage: encodeUsage(part.usage),
          };
          yield formatSse(undefined, JSON.stringify(usageChunk));
        }
        yield formatSse(undefined, "[DONE]");
        return;
      case "error":
        yield renderStreamError(part.error);
        return;
      default:
        // Block starts and ends have no Chat event of their own.
        break;
    }
  }
}
