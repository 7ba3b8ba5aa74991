import { parseJson } from "../../lib/parse-json.js";
import type { AssistantContentPart } from "../../ir/content-part.js";
import type { Response } from "../../ir/response.js";
import type { Message, ResponseContentBlock } from "../../protocols/anthropic-messages/types.js";
import type { EncodeResponseOptions } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { ownFields } from "./extensions.js";
import { packOpenAiReasoning } from "./foreign-reasoning.js";
import { encodeStopReason } from "./map-stop-reason.js";

export function encodeResponse(response: Response, options: EncodeResponseOptions): Record<string, unknown> {
  const message: Message = {
    id: response.id,
    type: "message",
    role: "assistant",
    model: options.model,
    content: response.content.map(encodeResponseBlock),
    stop_reason: encodeStopReason(response.finishReason),
    stop_sequence: response.finishReason.stopSequence ?? null,
    usage: encodeUsage(response.usage),
  };
  return message as unknown as Record<string, unknown>;
}

/**
 * A reasoning part from another vendor has no signature; it is still shown as a thinking block so
 * the user sees it. OpenAI's encrypted reasoning rides in the signature (foreign-reasoning.ts) to
 * come back next turn; anything else gets signature "", which the request encoder drops with a warning.
 */
export function encodeResponseBlock(part: AssistantContentPart): ResponseContentBlock {
  switch (part.type) {
    case "text":
      return { citations: null, ...ownFields(part.extensions), type: "text", text: part.text };
    case "reasoning":
      if (part.redactedData !== undefined) return { type: "redacted_thinking", data: part.redactedData };
      return {
        type: "thinking",
        thinking: part.text,
        signature: part.signature ?? packOpenAiReasoning(part) ?? "",
      };
    case "tool-call":
      return {
        ...ownFields(part.extensions),
        type: "tool_use",
        id: part.id,
        name: part.name,
        input: parseObject(part.input),
      };
  }
}

/** A model can end with broken arguments (cut by max_tokens); the client then gets `{}` as the API itself would not send invalid JSON. */
function parseObject(input: string): unknown {
  const parsed = parseJson(input);
  return typeof parsed === "object" && parsed !== null ? parsed : {};
}
