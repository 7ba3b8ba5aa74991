import type { AssistantContentPart } from "../../ir/content-part.js";
import type { Response } from "../../ir/response.js";
import type { OutputItem, ResponseObject } from "../../protocols/openai-responses/types.js";
import type { EncodeResponseOptions } from "../translator.js";
import { encodeUsage } from "./convert-usage.js";
import { encodeOutputPart } from "./encode-content.js";
import { encodeReasoning } from "./encode-reasoning.js";
import { isRecord, readExtension } from "./extensions.js";
import { itemId, responseIdFrom } from "./item-ids.js";
import { encodeStatus } from "./map-status.js";

export function encodeResponse(response: Response, options: EncodeResponseOptions): Record<string, unknown> {
  const id = responseIdFrom(response.id);
  const output = encodeOutputItems(response.content, id);
  const data = readExtension(response);
  if (Array.isArray(data.otherItems)) {
    for (const { index, item } of data.otherItems as Array<{ index: number; item: OutputItem }>)
      output.splice(index, 0, item);
  }
  const status = encodeStatus(response.finishReason);
  return responseObject({
    id,
    model: options.model,
    created: response.created,
    output,
    status: status.status,
    incompleteReason: status.incompleteReason,
    usage: response.usage,
  });
}

export function responseObject(options: {
  id: string;
  model: string;
  created: number | undefined;
  output: OutputItem[];
  status: NonNullable<ResponseObject["status"]>;
  incompleteReason?: "max_output_tokens" | "content_filter" | undefined;
  usage?: Response["usage"] | undefined;
}): ResponseObject {
  const outputText = options.output
    .flatMap((item) => (item.type === "message" && Array.isArray(item.content) ? item.content : []))
    .map((part) => (isRecord(part) && part.type === "output_text" && typeof part.text === "string" ? part.text : ""))
    .join("");
  return {
    id: options.id,
    object: "response",
    created_at: options.created ?? Math.floor(Date.now() / 1000),
    status: options.status,
    error: null,
    incomplete_details: options.incompleteReason === undefined ? null : { reason: options.incompleteReason },
    instructions: null,
    metadata: {},
    model: options.model,
    output: options.output,
    output_text: outputText,
    parallel_tool_calls: true,
    temperature: null,
    tool_choice: "auto",
    tools: [],
    top_p: null,
    ...(options.usage === undefined ? {} : { usage: encodeUsage(options.usage) }),
  };
}

/** Consecutive text parts from one source item form one `message` item; every call and reasoning part is its own item. */
export function encodeOutputItems(content: readonly AssistantContentPart[], responseId: string): OutputItem[] {
  const items: OutputItem[] = [];
  let openKey: unknown;
  let open: { content: unknown[] } | undefined;
  for (const part of content) {
    const index = items.length;
    if (part.type === "text") {
      const key = readExtension(part).message ?? "assistant";
      if (open === undefined || openKey !== key) {
        open = { content: [] };
        openKey = key;
        items.push({
          type: "message",
          id: itemId("msg", responseId, index),
          status: "completed",
          role: "assistant",
          content: open.content as never,
        });
      }
      open.content.push(encodeOutputPart(part));
      continue;
    }
    open = undefined;
    if (part.type === "reasoning") {
      const item = encodeReasoning(part, { packForeign: true });
      items.push({ ...item, id: part.id ?? itemId("rs", responseId, index) });
    } else if (part.kind === "custom") {
      const namespace = part.namespace === undefined ? {} : { namespace: part.namespace };
      items.push({
        type: "custom_tool_call",
        id: itemId("ctc", responseId, index),
        status: "completed",
        call_id: part.id,
        name: part.name,
        input: part.input,
        ...namespace,
      });
    } else {
      const namespace = part.namespace === undefined ? {} : { namespace: part.namespace };
      items.push({
        type: "function_call",
        id: itemId("fc", responseId, index),
        status: "completed",
        call_id: part.id,
        name: part.name,
        arguments: part.input,
        ...namespace,
      });
    }
  }
  return items;
}
