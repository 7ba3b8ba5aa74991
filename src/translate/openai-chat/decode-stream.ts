import { GatewayError } from "../../errors/gateway-error.js";
import type { FinishReason } from "../../ir/finish-reason.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { Usage } from "../../ir/usage.js";
import type { SseEvent } from "../../lib/sse.js";
import type { ChatChunk, ChatDelta } from "../../protocols/openai-chat/types.js";
import { decodeUsage } from "./convert-usage.js";
import { decodeStreamError } from "./decode-error.js";
import { decodeFinishReason } from "./map-finish-reason.js";
import { readOpaque, readReasoning } from "./reasoning-fields.js";

/** Open blocks of one streamed choice. Chat sends reasoning, then text, then tool calls (by `index`). */
class ChoiceBlocks {
  private text: string | undefined;
  private reasoning: string | undefined;
  private opaque: string | undefined;
  private readonly tools = new Map<number, string>();
  private readonly closedTools = new Set<number>();
  private counter = 0;

  *delta(delta: ChatDelta): Generator<StreamPart> {
    const reasoning = readReasoning(delta);
    const opaque = readOpaque(delta);
    if (reasoning !== undefined || opaque !== undefined) {
      if (this.reasoning === undefined) {
        yield* this.endText();
        this.reasoning = `reasoning-${this.counter++}`;
        yield { type: "reasoning-start", id: this.reasoning };
      }
      if (reasoning !== undefined) yield { type: "reasoning-delta", id: this.reasoning, delta: reasoning.text };
      if (opaque !== undefined) this.opaque = (this.opaque ?? "") + opaque;
    }
    const text = [delta.content, delta.refusal]
      .filter((value): value is string => typeof value === "string" && value.length > 0)
      .join("");
    if (text.length > 0) {
      yield* this.endReasoning();
      if (this.text === undefined) {
        this.text = `text-${this.counter++}`;
        yield { type: "text-start", id: this.text };
      }
      yield { type: "text-delta", id: this.text, delta: text };
    }
    const calls = delta.tool_calls ?? (delta.function_call ? [{ index: 0, function: delta.function_call }] : []);
    for (const call of calls) {
      yield* this.endReasoning();
      yield* this.endText();
      let id = this.tools.get(call.index);
      if (id === undefined && !this.closedTools.has(call.index)) {
        id = `tool-${call.index}`;
        this.tools.set(call.index, id);
        const callId =
          call.id ?? (delta.function_call ? `function_call_${call.function?.name ?? ""}` : `call_${call.index}`);
        yield { type: "tool-input-start", id, callId, name: call.function?.name ?? "", kind: "function" };
      }
      const input = call.function?.arguments;
      if (id !== undefined && typeof input === "string" && input.length > 0)
        yield { type: "tool-input-delta", id, delta: input };
    }
  }

  *endAll(): Generator<StreamPart> {
    yield* this.endReasoning();
    yield* this.endText();
    for (const [index, id] of this.tools) {
      this.closedTools.add(index);
      yield { type: "tool-input-end", id };
    }
    this.tools.clear();
  }

  private *endText(): Generator<StreamPart> {
    if (this.text !== undefined) yield { type: "text-end", id: this.text };
    this.text = undefined;
  }

  private *endReasoning(): Generator<StreamPart> {
    if (this.reasoning === undefined) return;
    const end: StreamPart = { type: "reasoning-end", id: this.reasoning };
    // Copilot's `reasoning_opaque` travels like Responses' encrypted reasoning: opaque, to be sent back.
    if (this.opaque !== undefined) end.encryptedContent = this.opaque;
    this.reasoning = undefined;
    this.opaque = undefined;
    yield end;
  }
}

/** An upstream's Chat SSE → IR parts, ending with exactly one `finish` or `error`. */
export async function* decodeStream(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  const blocks = new ChoiceBlocks();
  let started = false;
  let done = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  for await (const event of events) {
    if (event.data.trim() === "[DONE]") {
      done = true;
      break;
    }
    let chunk: ChatChunk & { error?: unknown };
    try {
      chunk = JSON.parse(event.data) as ChatChunk & { error?: unknown };
    } catch {
      yield {
        type: "error",
        error: new GatewayError("upstream_error", "The upstream sent a stream event that is not JSON."),
      };
      return;
    }
    if (chunk.error !== undefined) {
      yield { type: "error", error: decodeStreamError(chunk.error) };
      return;
    }
    if (!started) {
      started = true;
      const start: StreamPart = { type: "response-start", id: chunk.id ?? "", model: chunk.model ?? "" };
      if (typeof chunk.created === "number") start.created = chunk.created;
      yield start;
    }
    if (chunk.usage) usage = decodeUsage(chunk.usage);
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (choice === undefined) continue;
    if (choice.delta) yield* blocks.delta(choice.delta);
    if (choice.finish_reason) {
      finishReason = decodeFinishReason(choice.finish_reason);
      yield* blocks.endAll();
    }
  }
  if (finishReason === undefined && !done) {
    yield {
      type: "error",
      error: new GatewayError("upstream_error", "The upstream stream ended before the response was complete."),
    };
    return;
  }
  yield* blocks.endAll();
  yield {
    type: "finish",
    reason: finishReason ?? { unified: "other" },
    usage: usage ?? { inputTokens: 0, outputTokens: 0 },
  };
}
