import type { AssistantContentPart } from "../../ir/content-part.js";
import type { Response } from "../../ir/response.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type {
  CustomToolCallItem,
  FunctionCallItem,
  MessageItem,
  ReasoningItem,
  ResponseObject,
} from "../../protocols/openai-responses/types.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeContentPart } from "./decode-content.js";
import { decodeCall } from "./decode-input.js";
import { decodeReasoning } from "./decode-reasoning.js";
import { extraFields, isRecord, makeExtensions, withExtensions } from "./extensions.js";
import { decodeStatus } from "./map-status.js";

/** A non-streamed Responses answer → IR. Output items without an IR meaning stay in `extensions.otherItems`. */
export function decodeResponse(body: unknown): Response {
  if (!isRecord(body) || !Array.isArray(body.output)) {
    throw new GatewayError("upstream_error", "The upstream's Responses answer has no output list.");
  }
  const wire = body as unknown as ResponseObject;
  const content: AssistantContentPart[] = [];
  const otherItems: Array<{ index: number; item: unknown }> = [];
  wire.output.forEach((item, index) => {
    const parts = decodeOutputItem(item);
    if (parts === undefined) otherItems.push({ index, item });
    else content.push(...parts);
  });
  const hasToolCalls = content.some((part) => part.type === "tool-call");
  const response: Response = {
    id: wire.id,
    model: wire.model,
    content,
    finishReason: decodeStatus({
      status: wire.status,
      incompleteReason: wire.incomplete_details?.reason,
      hasToolCalls,
    }),
    usage: decodeUsage(wire.usage),
  };
  if (typeof wire.created_at === "number") response.created = wire.created_at;
  const extensions = makeExtensions({
    otherItems: otherItems.length > 0 ? otherItems : undefined,
    error: wire.error ?? undefined,
  });
  return withExtensions(response, extensions);
}

export function decodeOutputItem(item: { type?: string }): AssistantContentPart[] | undefined {
  switch (item.type ?? "message") {
    case "message": {
      const message = item as MessageItem;
      const fields = extraFields(message as unknown as Record<string, unknown>, ["type", "role", "content"]);
      const parts =
        typeof message.content === "string"
          ? [{ type: "output_text" as const, text: message.content, annotations: [] }]
          : message.content;
      return parts.flatMap((part) => {
        const decoded = decodeContentPart(part, [], "output");
        if (decoded?.type !== "text") return [];
        return [
          withExtensions(
            decoded,
            makeExtensions({ ...decoded.extensions?.["openai-responses"], messageFields: fields }),
          ),
        ];
      });
    }
    case "function_call":
    case "custom_tool_call":
      return [decodeCall(item as FunctionCallItem | CustomToolCallItem)];
    case "reasoning":
      return [decodeReasoning(item as ReasoningItem)];
    default:
      return undefined;
  }
}
