import { GatewayError } from "../../errors/gateway-error.js";
import type { ResponseOutcome } from "../../ir/response.js";
import type { ResponseObject } from "../../protocols/openai-responses/types.js";
import { decodeUsage } from "./convert-usage.js";
import { isRecord } from "./extensions.js";
import { decodeStatus } from "./map-status.js";

/** The output items `decodeOutputItem` makes tool calls of: they make the finish "tool calls". */
const toolCallItems = new Set(["function_call", "custom_tool_call"]);

/**
 * A Responses answer's usage and finish reason, as `decodeResponse` gives them, without decoding
 * its output: a passthrough answer is decoded only for its usage record.
 */
export function decodeOutcome(body: unknown): ResponseOutcome {
  if (!isRecord(body) || !Array.isArray(body.output)) {
    throw new GatewayError("upstream_error", "The upstream's Responses answer has no output list.");
  }
  const wire = body as unknown as ResponseObject;
  return {
    finishReason: decodeStatus({
      status: wire.status,
      incompleteReason: wire.incomplete_details?.reason,
      hasToolCalls: wire.output.some((item: { type?: string }) => toolCallItems.has(item.type ?? "message")),
    }),
    usage: decodeUsage(wire.usage),
  };
}
