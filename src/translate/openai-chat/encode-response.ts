import type { Response } from "../../ir/response.js";
import type { ChatResponse, ChatResponseMessage } from "../../protocols/openai-chat/types.js";
import type { EncodeResponseOptions } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { encodeAssistant } from "./encode-assistant.js";
import { encodeFinishReason } from "./map-finish-reason.js";

/** IR → the Chat completion a client expects. Reasoning is shown in a non-standard field (see reasoning-fields.ts). */
export function encodeResponse(response: Response, options: EncodeResponseOptions): Record<string, unknown> {
  // Nothing to report to a client here: every IR assistant part has a Chat field when answering.
  const fields = encodeAssistant(response.content, "show", []);
  const message: ChatResponseMessage = { ...fields, role: "assistant" };
  const chat: ChatResponse = {
    id: response.id,
    object: "chat.completion",
    created: response.created ?? Math.floor(Date.now() / 1000),
    model: options.model,
    choices: [{ index: 0, message, finish_reason: encodeFinishReason(response.finishReason), logprobs: null }],
    usage: encodeUsage(response.usage),
  };
  const fingerprint = response.extensions?.["openai-chat"]?.["system_fingerprint"];
  if (typeof fingerprint === "string") chat.system_fingerprint = fingerprint;
  return chat as unknown as Record<string, unknown>;
}
