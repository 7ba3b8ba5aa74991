import { GatewayError } from "../../errors/gateway-error.js";
import type { ResponseOutcome } from "../../ir/response.js";
import type { ChatResponse } from "../../protocols/openai-chat/types.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeFinishReason } from "./map-finish-reason.js";

/**
 * A Chat completion's usage and finish reason, as `decodeResponse` gives them, without decoding
 * its content: a passthrough answer is decoded only for its usage record.
 */
export function decodeOutcome(body: unknown): ResponseOutcome {
  const choices = (body as Partial<ChatResponse> | null)?.choices;
  const first = Array.isArray(choices) ? (choices[0] as ChatResponse["choices"][number] | undefined) : undefined;
  if (choices === undefined || first === undefined || first === null) {
    throw new GatewayError("upstream_error", "The upstream's chat completion has no choices.");
  }
  // As in `decodeResponse`: several choices are one answer split up, and a tool call decides.
  const toolCallChoice = choices.find((choice) => choice?.finish_reason === "tool_calls");
  return {
    finishReason: decodeFinishReason((toolCallChoice ?? first).finish_reason),
    usage: decodeUsage((body as ChatResponse).usage),
  };
}
