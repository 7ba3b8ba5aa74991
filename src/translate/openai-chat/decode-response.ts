import { GatewayError } from "../../errors/gateway-error.js";
import type { Response } from "../../ir/response.js";
import type { ChatResponse } from "../../protocols/openai-chat/types.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeAssistantContent } from "./decode-assistant.js";
import { decodeFinishReason } from "./map-finish-reason.js";

/** An upstream's Chat completion → IR. Only the first choice is read (the gateway never asks for n > 1). */
export function decodeResponse(body: unknown): Response {
  const chat = body as ChatResponse;
  const choice = chat?.choices?.[0];
  if (choice === undefined || typeof choice.message !== "object" || choice.message === null) {
    throw new GatewayError("upstream_error", "The upstream's chat completion has no choices.");
  }
  const response: Response = {
    id: chat.id,
    model: chat.model,
    content: decodeAssistantContent(choice.message),
    finishReason: decodeFinishReason(choice.finish_reason),
    usage: decodeUsage(chat.usage),
  };
  if (typeof chat.created === "number") response.created = chat.created;
  const extras: Record<string, unknown> = {};
  if (chat.system_fingerprint != null) extras["system_fingerprint"] = chat.system_fingerprint;
  if (chat.service_tier != null) extras["service_tier"] = chat.service_tier;
  if (Object.keys(extras).length > 0) response.extensions = { "openai-chat": extras };
  return response;
}
