import type {
  Response,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseUsage,
} from "openai/resources/responses/responses";
import { formatSse } from "../../src/lib/sse.js";
import { fakeId, nowSeconds } from "./fake-ids.js";
import { encodeArguments, splitText } from "./split-text.js";
import type { FakeReply, FakeUsage } from "./types.js";

/** The parts of a Responses request the renderer reads. */
export interface ResponsesRequestFacts {
  model: string;
  stream: boolean;
  /** `include` asked for `reasoning.encrypted_content`. */
  includeEncryptedReasoning: boolean;
  /** The request fields a real response echoes back. */
  echo: Partial<Response>;
}

// Shapes are typed with the official SDK's own types, so a drift in the documented API breaks the build.
// `output_text` is computed by the SDK, not sent; `usage` is null until the response is done.
export type WireResponse = Omit<Response, "output_text" | "usage"> & { usage: ResponseUsage | null };

type Item = ResponseOutputItem & { id: string };

function responsesUsage(usage: FakeUsage): ResponseUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cacheReadTokens ?? 0,
      cache_write_tokens: usage.cacheWriteTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function outputItems(reply: FakeReply, request: ResponsesRequestFacts): Item[] {
  const items: Item[] = [];
  if (reply.reasoning !== undefined) {
    const item: Item = {
      id: fakeId("rs_"),
      type: "reasoning",
      summary: [{ type: "summary_text", text: reply.reasoning.text }],
    };
    if (request.includeEncryptedReasoning) item["encrypted_content"] = reply.reasoning.signature ?? "gAAAAfake";
    items.push(item);
  }
  if (reply.text !== undefined) {
    items.push({
      id: fakeId("msg_"),
      type: "message",
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: reply.text, annotations: [], logprobs: [] }],
    });
  }
  for (const call of reply.toolCalls ?? []) {
    const callId = call.id ?? fakeId("call_");
    const encoded = encodeArguments(call.arguments, call.kind);
    items.push(
      call.kind === "custom"
        ? {
            id: fakeId("ctc_"),
            type: "custom_tool_call",
            call_id: callId,
            name: call.name,
            input: encoded,
          }
        : {
            id: fakeId("fc_"),
            type: "function_call",
            status: "completed",
            call_id: callId,
            name: call.name,
            arguments: encoded,
          },
    );
  }
  return items;
}

function envelope(
  reply: FakeReply,
  request: ResponsesRequestFacts,
  state: { id: string; createdAt: number; output: Item[]; usage: FakeUsage | null; done: boolean },
): WireResponse {
  const incompleteReason =
    reply.stopReason === "length"
      ? "max_output_tokens"
      : reply.stopReason === "content-filter"
        ? "content_filter"
        : undefined;
  const status = !state.done ? "in_progress" : incompleteReason !== undefined ? "incomplete" : "completed";
  return {
    id: state.id,
    object: "response",
    created_at: state.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: state.done && incompleteReason !== undefined ? { reason: incompleteReason } : null,
    instructions: null,
    max_output_tokens: null,
    metadata: {},
    model: request.model,
    output: state.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage: state.usage === null ? null : responsesUsage(state.usage),
    ...request.echo,
  };
}

export function renderResponse(reply: FakeReply, request: ResponsesRequestFacts, usage: FakeUsage): WireResponse {
  const output = outputItems(reply, request);
  return envelope(reply, request, { id: fakeId("resp_"), createdAt: nowSeconds(), output, usage, done: true });
}

/** A stream event before the fake numbers it. */
type UnnumberedEvent = ResponseStreamEvent extends infer Event
  ? Event extends { sequence_number: number }
    ? Omit<Event, "sequence_number">
    : never
  : never;

type Emit = (event: UnnumberedEvent) => void;

/** Renders one item's lifecycle: `output_item.added`, its deltas, `output_item.done`. */
function itemEvents(item: Item, outputIndex: number, emit: Emit): void {
  const at = { item_id: item.id, output_index: outputIndex };
  if (item.type === "reasoning") {
    const text = item.summary[0]?.text ?? "";
    emit({ type: "response.output_item.added", output_index: outputIndex, item: { ...item, summary: [] } });
    const part = { type: "summary_text" as const, text: "" };
    emit({ type: "response.reasoning_summary_part.added", ...at, summary_index: 0, part });
    for (const delta of splitText(text)) {
      emit({ type: "response.reasoning_summary_text.delta", ...at, summary_index: 0, delta });
    }
    emit({ type: "response.reasoning_summary_text.done", ...at, summary_index: 0, text });
    emit({ type: "response.reasoning_summary_part.done", ...at, summary_index: 0, part: { ...part, text } });
  } else if (item.type === "message") {
    const first = item.content[0];
    const text = first?.type === "output_text" ? first.text : "";
    const added = { ...item, status: "in_progress" as const, content: [] };
    emit({ type: "response.output_item.added", output_index: outputIndex, item: added });
    const part = { type: "output_text" as const, text: "", annotations: [], logprobs: [] };
    emit({ type: "response.content_part.added", ...at, content_index: 0, part });
    for (const delta of splitText(text)) {
      emit({ type: "response.output_text.delta", ...at, content_index: 0, delta, logprobs: [] });
    }
    emit({ type: "response.output_text.done", ...at, content_index: 0, text, logprobs: [] });
    emit({ type: "response.content_part.done", ...at, content_index: 0, part: { ...part, text } });
  } else if (item.type === "function_call") {
    const added = { ...item, status: "in_progress" as const, arguments: "" };
    emit({ type: "response.output_item.added", output_index: outputIndex, item: added });
    for (const delta of splitText(item.arguments))
      emit({ type: "response.function_call_arguments.delta", ...at, delta });
    emit({ type: "response.function_call_arguments.done", ...at, name: item.name, arguments: item.arguments });
  } else if (item.type === "custom_tool_call") {
    emit({ type: "response.output_item.added", output_index: outputIndex, item: { ...item, input: "" } });
    for (const delta of splitText(item.input)) emit({ type: "response.custom_tool_call_input.delta", ...at, delta });
    emit({ type: "response.custom_tool_call_input.done", ...at, input: item.input });
  }
  emit({ type: "response.output_item.done", output_index: outputIndex, item });
}

/** The stream: `response.created`, `response.in_progress`, each item's events, then `response.completed`/`incomplete`. */
export function renderResponseStream(reply: FakeReply, request: ResponsesRequestFacts, usage: FakeUsage): string[] {
  const frames: string[] = [];
  let sequenceNumber = 0;
  const emit: Emit = (event) => {
    frames.push(formatSse(event.type, JSON.stringify({ ...event, sequence_number: sequenceNumber++ })));
  };
  // The SDK types `response` in these events as a full `Response`; on the wire it lacks the SDK-computed `output_text`.
  const asEventResponse = (response: WireResponse) => response as Response;
  const state = {
    id: fakeId("resp_"),
    createdAt: nowSeconds(),
    output: [] as Item[],
    usage: null as FakeUsage | null,
    done: false,
  };
  emit({ type: "response.created", response: asEventResponse(envelope(reply, request, state)) });
  emit({ type: "response.in_progress", response: asEventResponse(envelope(reply, request, state)) });
  outputItems(reply, request).forEach((item, index) => {
    itemEvents(item, index, emit);
    state.output.push(item);
  });
  state.usage = usage;
  state.done = true;
  const final = asEventResponse(envelope(reply, request, state));
  emit({ type: final.status === "incomplete" ? "response.incomplete" : "response.completed", response: final });
  return frames;
}
