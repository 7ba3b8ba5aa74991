import type { AssistantContentPart } from "../../ir/content-part.js";
import type { Response } from "../../ir/response.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { Message } from "../../protocols/anthropic-messages/types.js";
import { decodeAssistantBlock } from "./decode-content.js";
import { completeUsage, decodeUsage } from "./convert-usage.js";
import { decodeStopReason } from "./map-stop-reason.js";

/**
 * An upstream's non-streaming answer. Server tool blocks (`server_tool_use`, `web_search_tool_result`)
 * have no IR form; they are kept in `extensions` for the logs and are not sent on.
 */
export function decodeResponse(body: unknown): Response {
  const message = body as Partial<Message> | null;
  if (message === null || typeof message !== "object" || !Array.isArray(message.content)) {
    throw new GatewayError("upstream_error", "The upstream's answer is not an Anthropic message.");
  }
  const content: AssistantContentPart[] = [];
  const serverBlocks: unknown[] = [];
  for (const block of message.content) {
    const part = decodeAssistantBlock(block);
    if (part === undefined) serverBlocks.push(block);
    else content.push(part);
  }
  const response: Response = {
    id: message.id ?? "",
    model: message.model ?? "",
    content,
    finishReason: decodeStopReason(message.stop_reason, message.stop_sequence),
    usage: completeUsage(decodeUsage(message.usage)),
  };
  if (serverBlocks.length > 0) response.extensions = { "anthropic-messages": { server_blocks: serverBlocks } };
  return response;
}
