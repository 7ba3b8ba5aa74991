import type { StreamPart } from "../../ir/stream-part.js";
import type { ChatDelta, ChatToolCallDelta } from "../../protocols/openai-chat/types.js";
import { legacyCallId } from "./decode-assistant.js";
import { readOpaque, readReasoning } from "./reasoning-fields.js";

/** `content` and `refusal` together (a refusal is shown as text). Runs for every chunk: no arrays made. */
function textOf(delta: ChatDelta): string {
  const content = typeof delta.content === "string" ? delta.content : "";
  return typeof delta.refusal === "string" ? content + delta.refusal : content;
}

/**
 * The open blocks of a streamed answer. Chat sends reasoning, then text, then tool calls, each
 * call's deltas keyed by `index` with the id and name only in its first delta. The parts each
 * method makes are appended to `out`.
 */
export class StreamBlocks {
  private text: string | undefined;
  private reasoning: string | undefined;
  private opaque: string | undefined;
  private readonly tools = new Map<number, string>();
  private readonly closedTools = new Set<number>();
  private readonly indexesById = new Map<string, number>();
  private counter = 0;

  delta(delta: ChatDelta, out: StreamPart[]): void {
    this.reasoningDelta(delta, out);
    const text = textOf(delta);
    if (text.length > 0) {
      this.endReasoning(out);
      if (this.text === undefined) {
        this.text = `text-${this.counter++}`;
        out.push({ type: "text-start", id: this.text });
      }
      out.push({ type: "text-delta", id: this.text, delta: text });
    }
    const legacy = delta.function_call;
    if (delta.tool_calls === undefined && !legacy) return;
    const calls: ChatToolCallDelta[] = delta.tool_calls ?? (legacy ? [{ index: 0, function: legacy }] : []);
    for (const call of calls) {
      this.endReasoning(out);
      this.endText(out);
      this.toolCallDelta(call, legacy !== undefined && delta.tool_calls === undefined, out);
    }
  }

  endAll(out: StreamPart[]): void {
    this.endReasoning(out);
    this.endText(out);
    for (const [index, id] of this.tools) {
      this.closedTools.add(index);
      out.push({ type: "tool-input-end", id });
    }
    this.tools.clear();
  }

  private reasoningDelta(delta: ChatDelta, out: StreamPart[]): void {
    const reasoning = readReasoning(delta);
    const opaque = readOpaque(delta);
    if (reasoning === undefined && opaque === undefined) return;
    if (this.reasoning === undefined) {
      this.endText(out);
      this.reasoning = `reasoning-${this.counter++}`;
      out.push({ type: "reasoning-start", id: this.reasoning });
    }
    if (reasoning !== undefined) out.push({ type: "reasoning-delta", id: this.reasoning, delta: reasoning.text });
    if (opaque !== undefined) this.opaque = (this.opaque ?? "") + opaque;
  }

  private toolCallDelta(call: ChatToolCallDelta, legacy: boolean, out: StreamPart[]): void {
    const index = this.indexOf(call);
    let id = this.tools.get(index);
    if (id === undefined) {
      // Deltas for a call already ended by a finish_reason are late noise.
      if (this.closedTools.has(index)) return;
      id = `tool-${index}`;
      this.tools.set(index, id);
      const name = call.function?.name ?? "";
      const callId = call.id ?? (legacy ? legacyCallId(name) : `call_${index}`);
      out.push({ type: "tool-input-start", id, callId, name, kind: "function" });
    }
    const input = call.function?.arguments;
    if (typeof input === "string" && input.length > 0) out.push({ type: "tool-input-delta", id, delta: input });
  }

  /** Some compatible servers (Gemini's) leave out `index` and send each call whole, with its id. */
  private indexOf(call: ChatToolCallDelta): number {
    if (typeof call.index === "number") return call.index;
    if (call.id === undefined) return Math.max(0, this.indexesById.size - 1);
    const known = this.indexesById.get(call.id);
    if (known !== undefined) return known;
    this.indexesById.set(call.id, this.indexesById.size);
    return this.indexesById.size - 1;
  }

  private endText(out: StreamPart[]): void {
    if (this.text !== undefined) out.push({ type: "text-end", id: this.text });
    this.text = undefined;
  }

  private endReasoning(out: StreamPart[]): void {
    if (this.reasoning === undefined) return;
    const end: StreamPart = { type: "reasoning-end", id: this.reasoning };
    // Copilot's `reasoning_opaque` is carried like Responses' encrypted reasoning: opaque, to be sent back.
    if (this.opaque !== undefined) end.encryptedContent = this.opaque;
    this.reasoning = undefined;
    this.opaque = undefined;
    out.push(end);
  }
}
