import type { StreamPart } from "../../ir/stream-part.js";
import type {
  CustomToolCallItem,
  FunctionCallItem,
  MessageItem,
  ReasoningItem,
} from "../../protocols/openai-responses/types.js";
import { newMessageState, type DecodeStreamState } from "./decode-stream-state.js";

/** `response.output_item.added`: opens a tool call or reasoning block; messages open per content part. */
export function decodeItemAdded(item: { type: string }, outputIndex: number, state: DecodeStreamState): StreamPart[] {
  if (item.type === "message") {
    if (!state.items.has(outputIndex)) state.items.set(outputIndex, newMessageState());
    return [];
  }
  if (item.type === "function_call" || item.type === "custom_tool_call")
    return startTool(item as FunctionCallItem | CustomToolCallItem, outputIndex, state);
  if (item.type === "reasoning") {
    const reasoning = item as ReasoningItem;
    const id = `reasoning-${outputIndex}`;
    const itemId = typeof reasoning.id === "string" && reasoning.id !== "" ? reasoning.id : undefined;
    state.items.set(outputIndex, {
      kind: "reasoning",
      id,
      itemId,
      sentText: false,
      lastSummaryIndex: -1,
      ended: false,
    });
    return [itemId === undefined ? { type: "reasoning-start", id } : { type: "reasoning-start", id, itemId }];
  }
  // Hosted-tool items (web_search_call, …) have no IR part; the upstream ran them itself. They are
  // kept whole when done (see decodeItemDone).
  return [];
}

function startTool(
  item: FunctionCallItem | CustomToolCallItem,
  outputIndex: number,
  state: DecodeStreamState,
): StreamPart[] {
  const id = `tool-${outputIndex}`;
  const custom = item.type === "custom_tool_call";
  state.hasToolCalls = true;
  const initial = (custom ? item.input : item.arguments) ?? "";
  state.items.set(outputIndex, { kind: "tool", id, sentInput: initial !== "", ended: false });
  const start: StreamPart = {
    type: "tool-input-start",
    id,
    callId: item.call_id,
    name: item.name,
    kind: custom ? "custom" : "function",
  };
  if (item.namespace !== undefined) start.namespace = item.namespace;
  return initial === "" ? [start] : [start, { type: "tool-input-delta", id, delta: initial }];
}

/** `response.output_item.done`: delivers whatever the deltas did not, then closes the item's blocks. */
export function decodeItemDone(item: { type: string }, outputIndex: number, state: DecodeStreamState): StreamPart[] {
  const parts: StreamPart[] = [];
  const open = state.items.get(outputIndex);
  if (item.type === "message") {
    const message = item as MessageItem;
    const content = Array.isArray(message.content) ? message.content : [];
    content.forEach((part, contentIndex) => {
      const id = state.textId(outputIndex, contentIndex);
      const full = part.type === "output_text" ? part.text : part.type === "refusal" ? part.refusal : "";
      if (part.type === "output_text") state.noteFinalAnnotations(outputIndex, contentIndex, part.annotations);
      if (open?.kind === "message" && open.written.has(id)) return;
      if (full === "") return;
      parts.push(...state.ensureText(outputIndex, contentIndex), { type: "text-delta", id, delta: full });
      const now = state.items.get(outputIndex);
      if (now?.kind === "message") now.written.add(id);
    });
  } else if (item.type === "function_call" || item.type === "custom_tool_call") {
    const call = item as FunctionCallItem | CustomToolCallItem;
    if (open?.kind !== "tool") parts.push(...startTool(call, outputIndex, state));
    const tool = state.items.get(outputIndex);
    const full = (call.type === "custom_tool_call" ? call.input : call.arguments) ?? "";
    if (tool?.kind === "tool" && !tool.sentInput && full !== "") {
      tool.sentInput = true;
      parts.push({ type: "tool-input-delta", id: tool.id, delta: full });
    }
  } else if (item.type === "reasoning") {
    return [...parts, ...endReasoning(item as ReasoningItem, outputIndex, state)];
  } else {
    keepOtherItem(item, outputIndex, state);
  }
  return [...parts, ...state.closeItem(outputIndex)];
}

/**
 * An output item the IR has no part for: a hosted tool the upstream ran itself (`web_search_call`,
 * `file_search_call`, `code_interpreter_call`, `image_generation_call`, `mcp_call`, …). It goes
 * into the finish part's `extensions`, as `decodeResponse` keeps it in `otherItems`, so that a
 * Responses encoder puts it back in the answer.
 *
 * A client of another API does not see it: Anthropic and Chat have no place for another vendor's
 * tool run, and the answer's text already tells what the tool found (OpenAI writes the sources
 * into the text as links). A note written into the text was considered and rejected: the client
 * sends the assistant's text back as history, so the model would read a note it never wrote, and
 * the text would no longer be what the upstream said. The finish part reaches the gateway, which
 * can record what was left out.
 */
function keepOtherItem(item: { type: string }, outputIndex: number, state: DecodeStreamState): void {
  const kept = state.otherItems.findIndex((entry) => entry.index === outputIndex);
  if (kept === -1) state.otherItems.push({ index: outputIndex, item });
  else state.otherItems[kept] = { index: outputIndex, item };
}

function endReasoning(item: ReasoningItem, outputIndex: number, state: DecodeStreamState): StreamPart[] {
  const parts: StreamPart[] = [];
  if (state.items.get(outputIndex)?.kind !== "reasoning") parts.push(...decodeItemAdded(item, outputIndex, state));
  const open = state.items.get(outputIndex);
  if (open?.kind !== "reasoning" || open.ended) return parts;
  const texts = item.summary !== undefined && item.summary.length > 0 ? item.summary : (item.content ?? []);
  const summary = texts.map((entry) => entry.text).join("\n\n");
  if (!open.sentText && summary !== "") parts.push({ type: "reasoning-delta", id: open.id, delta: summary });
  open.ended = true;
  const end: StreamPart = { type: "reasoning-end", id: open.id };
  const itemId = typeof item.id === "string" && item.id !== "" ? item.id : open.itemId;
  if (itemId !== undefined) end.itemId = itemId;
  if (typeof item.encrypted_content === "string") end.encryptedContent = item.encrypted_content;
  parts.push(end);
  return parts;
}
