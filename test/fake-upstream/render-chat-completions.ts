import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessage,
  ChatCompletionMessageToolCall,
} from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { formatSse } from "../../src/lib/sse.js";
import { fakeId, nowSeconds } from "./fake-ids.js";
import { encodeArguments, splitText } from "./split-text.js";
import type { FakeReply, FakeStopReason, FakeUsage } from "./types.js";

/** The parts of a Chat Completions request the renderer reads. */
export interface ChatRequestFacts {
  model: string;
  stream: boolean;
  includeUsage: boolean;
}

// Shapes are typed with the official SDK's own types, so a drift in the documented API breaks the build.
type FinishReason = ChatCompletion.Choice["finish_reason"];

const finishReasons: Record<FakeStopReason, FinishReason> = {
  stop: "stop",
  length: "length",
  "tool-calls": "tool_calls",
  "content-filter": "content_filter",
  refusal: "content_filter",
};

function chatUsage(usage: FakeUsage): CompletionUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

interface RenderedToolCall {
  id: string;
  kind: "function" | "custom";
  name: string;
  encoded: string;
}

function toolCallsOf(reply: FakeReply): RenderedToolCall[] {
  return (reply.toolCalls ?? []).map((call) => ({
    id: call.id ?? fakeId("call_"),
    kind: call.kind ?? "function",
    name: call.name,
    encoded: encodeArguments(call.arguments, call.kind),
  }));
}

function finishReasonOf(reply: FakeReply): FinishReason {
  const reason = reply.stopReason ?? ((reply.toolCalls ?? []).length > 0 ? "tool-calls" : "stop");
  return finishReasons[reason];
}

export function renderChatCompletion(reply: FakeReply, request: ChatRequestFacts, usage: FakeUsage): ChatCompletion {
  const toolCalls = toolCallsOf(reply);
  const message: ChatCompletionMessage = {
    role: "assistant",
    content: reply.text ?? null,
    refusal: reply.stopReason === "refusal" ? (reply.text ?? "") : null,
    annotations: [],
  };
  // Reasoning in `reasoning_content`, as DeepSeek, vLLM and Qwen send it (OpenAI's Chat API has no field).
  if (reply.reasoning !== undefined) Object.assign(message, { reasoning_content: reply.reasoning.text });
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls.map((call): ChatCompletionMessageToolCall =>
      call.kind === "custom"
        ? { id: call.id, type: "custom", custom: { name: call.name, input: call.encoded } }
        : { id: call.id, type: "function", function: { name: call.name, arguments: call.encoded } },
    );
  }
  return {
    id: fakeId("chatcmpl-"),
    object: "chat.completion",
    created: nowSeconds(),
    model: request.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply) }],
    usage: chatUsage(usage),
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

/** The stream: role chunk, text deltas, tool-call deltas, finish chunk, usage chunk on request, `[DONE]`. */
export function renderChatCompletionStream(reply: FakeReply, request: ChatRequestFacts, usage: FakeUsage): string[] {
  const id = fakeId("chatcmpl-");
  const created = nowSeconds();
  const frames: string[] = [];
  const chunk = (choices: ChatCompletionChunk.Choice[], extra: Partial<ChatCompletionChunk> = {}): void => {
    const body: ChatCompletionChunk = {
      id,
      object: "chat.completion.chunk",
      created,
      model: request.model,
      service_tier: "default",
      system_fingerprint: "fp_fake",
      choices,
      ...extra,
    };
    if (request.includeUsage && !("usage" in body)) body.usage = null;
    frames.push(formatSse(undefined, JSON.stringify(body)));
  };
  const delta = (value: ChatCompletionChunk.Choice.Delta, finishReason: FinishReason | null = null): void =>
    chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);

  delta({ role: "assistant", content: "", refusal: null });
  for (const piece of splitText(reply.reasoning?.text ?? ""))
    delta({ reasoning_content: piece } as ChatCompletionChunk.Choice.Delta);
  for (const piece of splitText(reply.text ?? "")) delta({ content: piece });
  toolCallsOf(reply).forEach((call, index) => {
    if (call.kind === "custom") {
      // The SDK's chunk types document only function tool calls; a custom call is sent whole,
      // in the non-streamed message's shape, so the fake invents no delta format.
      const custom = { index, id: call.id, type: "custom", custom: { name: call.name, input: call.encoded } };
      delta({ tool_calls: [custom as unknown as ChatCompletionChunk.Choice.Delta.ToolCall] });
      return;
    }
    delta({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] });
    for (const piece of splitText(call.encoded)) delta({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  delta({}, finishReasonOf(reply));
  if (request.includeUsage) chunk([], { usage: chatUsage(usage) });
  frames.push(formatSse(undefined, "[DONE]"));
  return frames;
}
