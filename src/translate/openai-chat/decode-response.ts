import { GatewayError } from "../../errors/gateway-error.js";
import type { Response } from "../../ir/response.js";
import { describeCompletionMismatch } from "../../protocols/openai-chat/response-schemas.js";
import type { ChatResponse } from "../../protocols/openai-chat/types.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeAssistantContent } from "./decode-assistant.js";
import { decodeFinishReason } from "./map-finish-reason.js";

/** An upstream's Chat completion → IR. */
export function decodeResponse(body: unknown): Response {
  const mismatch = describeCompletionMismatch(body);
  if (mismatch !== undefined) {
    throw new GatewayError("upstream_error", `The upstream's chat completion is malformed (${mismatch}).`);
  }
  const chat = body as ChatResponse;
  const [first] = chat.choices;
  if (first === undefined) throw new GatewayError("upstream_error", "The upstream's chat completion has no choices.");
  // The gateway never asks for n > 1, so several choices are one answer split up: Copilot puts a
  // Claude turn's text in one choice and its tool calls in another.
  const toolCallChoice = chat.choices.find((choice) => choice.finish_reason === "tool_calls");
  const response: Response = {
    id: chat.id ?? "",
    model: chat.model ?? "",
    content: chat.choices.flatMap((choice) => decodeAssistantContent(choice.message)),
    finishReason: decodeFinishReason((toolCallChoice ?? first).finish_reason),
    usage: decodeUsage(chat.usage),
  };
  if (typeof chat.created === "number") response.created = chat.created;
  const extras: Record<string, unknown> = {};
  if (chat.system_fingerprint != null) extras["system_fingerprint"] = chat.system_fingerprint;
  if (chat.service_tier != null) extras["service_tier"] = chat.service_tier;
  if (Object.keys(extras).length > 0) response.extensions = { "openai-chat": extras };
  return response;
}
