import type { StreamPart } from "../../ir/stream-part.js";
import type { ResponseObject, StreamEvent } from "../../protocols/openai-responses/types.js";
import { decodeUsage } from "./convert-usage.js";
import type { DecodeStreamState } from "./decode-stream-state.js";
import { decodeItemAdded, decodeItemDone } from "./decode-stream-items.js";
import { makeExtensions } from "./extensions.js";
import { decodeStatus } from "./map-status.js";
import { upstreamStreamError } from "./upstream-error.js";

export interface DecodedEvent {
  parts: StreamPart[];
  /** True once the stream's one `finish` or `error` has been produced. */
  terminal: boolean;
}

const none: DecodedEvent = { parts: [], terminal: false };

function number(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** One upstream event → IR parts. Items are found by `output_index`, never by `item_id`. */
export function decodeStreamEvent(event: StreamEvent, state: DecodeStreamState): DecodedEvent {
  const outputIndex = number(event.output_index);
  const contentIndex = number(event.content_index);
  const parts: StreamPart[] = [];
  if (!state.started && event.type.startsWith("response.") && event.type !== "response.failed")
    parts.push(...start(event, state));
  switch (event.type) {
    case "response.output_item.added":
      parts.push(...decodeItemAdded(event.item as { type: string }, outputIndex, state));
      break;
    case "response.output_item.done":
      parts.push(...decodeItemDone(event.item as { type: string }, outputIndex, state));
      break;
    case "response.content_part.added": {
      const part = event.part as { type?: string } | undefined;
      if (part?.type === "output_text" || part?.type === "refusal")
        parts.push(...state.ensureText(outputIndex, contentIndex));
      break;
    }
    case "response.output_text.delta":
    case "response.refusal.delta":
      parts.push(...textDelta(state, outputIndex, contentIndex, text(event.delta)));
      break;
    case "response.output_text.done":
    case "response.refusal.done": {
      const item = state.items.get(outputIndex);
      const full = text(event.text ?? event.refusal);
      if (item?.kind !== "message" || !item.written.has(state.textId(outputIndex, contentIndex)))
        parts.push(...textDelta(state, outputIndex, contentIndex, full));
      break;
    }
    case "response.output_text.annotation.added":
      state.addAnnotation(outputIndex, contentIndex, event.annotation);
      break;
    case "response.content_part.done": {
      const part = event.part as { type?: string; annotations?: unknown } | undefined;
      if (part?.type === "output_text") state.noteFinalAnnotations(outputIndex, contentIndex, part.annotations);
      parts.push(...state.endText(outputIndex, contentIndex));
      break;
    }
    case "response.function_call_arguments.delta":
    case "response.custom_tool_call_input.delta": {
      const item = state.items.get(outputIndex);
      if (item?.kind === "tool" && !item.ended && text(event.delta) !== "") {
        item.sentInput = true;
        parts.push({ type: "tool-input-delta", id: item.id, delta: text(event.delta) });
      }
      break;
    }
    case "response.function_call_arguments.done":
    case "response.custom_tool_call_input.done": {
      const item = state.items.get(outputIndex);
      const full = text(event.arguments ?? event.input);
      if (item?.kind === "tool" && !item.ended && !item.sentInput && full !== "") {
        item.sentInput = true;
        parts.push({ type: "tool-input-delta", id: item.id, delta: full });
      }
      break;
    }
    case "response.reasoning_summary_text.delta":
    case "response.reasoning_text.delta": {
      const item = state.items.get(outputIndex);
      if (item?.kind !== "reasoning" || item.ended) break;
      const summaryIndex = number(event.summary_index);
      // Summary parts are separate paragraphs; the IR has one reasoning text.
      const separator =
        event.type === "response.reasoning_summary_text.delta" && item.sentText && summaryIndex > item.lastSummaryIndex
          ? "\n\n"
          : "";
      if (event.type === "response.reasoning_summary_text.delta") item.lastSummaryIndex = summaryIndex;
      item.sentText = true;
      parts.push({ type: "reasoning-delta", id: item.id, delta: separator + text(event.delta) });
      break;
    }
    case "response.completed":
    case "response.incomplete": {
      const response = event.response as ResponseObject | undefined;
      parts.push(...state.closeAll());
      const reason = decodeStatus({
        status: response?.status ?? (event.type === "response.completed" ? "completed" : "incomplete"),
        incompleteReason: response?.incomplete_details?.reason,
        hasToolCalls: state.hasToolCalls,
      });
      const finish: StreamPart = { type: "finish", reason, usage: decodeUsage(response?.usage) };
      const extensions = makeExtensions({ otherItems: state.otherItems.length > 0 ? state.otherItems : undefined });
      parts.push(extensions === undefined ? finish : { ...finish, extensions });
      return { parts, terminal: true };
    }
    case "response.failed":
      parts.push(...state.closeAll(), {
        type: "error",
        error: upstreamStreamError((event.response as ResponseObject | undefined)?.error),
      });
      return { parts, terminal: true };
    case "error":
      parts.push(...state.closeAll(), {
        type: "error",
        error: upstreamStreamError({ code: event.code, message: event.message, param: event.param }),
      });
      return { parts, terminal: true };
  }
  return parts.length === 0 ? none : { parts, terminal: false };
}

function start(event: StreamEvent, state: DecodeStreamState): StreamPart[] {
  state.started = true;
  const response = (event.response ?? {}) as Partial<ResponseObject>;
  const part: StreamPart = { type: "response-start", id: text(response.id), model: text(response.model) };
  if (typeof response.created_at === "number") part.created = response.created_at;
  return [part];
}

function textDelta(state: DecodeStreamState, outputIndex: number, contentIndex: number, delta: string): StreamPart[] {
  const parts = state.ensureText(outputIndex, contentIndex);
  const id = state.textId(outputIndex, contentIndex);
  const item = state.items.get(outputIndex);
  if (delta === "") return parts;
  if (item?.kind === "message") item.written.add(id);
  return [...parts, { type: "text-delta", id, delta }];
}
