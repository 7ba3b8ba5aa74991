import { GatewayError } from "../../errors/gateway-error.js";
import type { ResponseOutcome } from "../../ir/response.js";
import type { Message } from "../../protocols/anthropic-messages/types.js";
import { completeUsage, decodeUsage } from "./convert-usage.js";
import { decodeStopReason } from "./map-stop-reason.js";

/**
 * A message's usage and finish reason, as `decodeResponse` gives them, without decoding its
 * content: a passthrough answer is decoded only for its usage record.
 */
export function decodeOutcome(body: unknown): ResponseOutcome {
  const message = body as Partial<Message> | null;
  if (message === null || typeof message !== "object" || !Array.isArray(message.content)) {
    throw new GatewayError("upstream_error", "The upstream's answer is not an Anthropic message.");
  }
  return {
    finishReason: decodeStopReason(message.stop_reason, message.stop_sequence),
    usage: completeUsage(decodeUsage(message.usage)),
  };
}
