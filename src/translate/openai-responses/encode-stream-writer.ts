import type { GatewayError } from "../../errors/gateway-error.js";
import type { FinishReason } from "../../ir/finish-reason.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { Usage } from "../../ir/usage.js";
import { formatSse } from "../../lib/sse.js";
import { renderStreamErrorEvents } from "../../protocols/openai-responses/errors.js";
import type { OutputItem } from "../../protocols/openai-responses/types.js";
import { responseObject } from "./encode-response.js";
import { packForeignReasoning } from "./foreign-reasoning.js";
import { itemId } from "./item-ids.js";
import { encodeStatus } from "./map-status.js";

type Block =
  | { kind: "text"; outputIndex: number; itemId: string; text: string }
  | { kind: "reasoning"; outputIndex: number; itemId: string; text: string; summaryOpen: boolean }
  | {
      kind: "tool";
      outputIndex: number;
      itemId: string;
      callId: string;
      name: string;
      custom: boolean;
      namespace: string | undefined;
      input: string;
    };

type Start = Extract<StreamPart, { type: "tool-input-start" }>;
type ReasoningEnd = Extract<StreamPart, { type: "reasoning-end" }>;

/** Writes Responses SSE events for IR blocks, numbering every event and keeping the output snapshot. */
export class ResponsesStreamWriter {
  private sequence = 0;
  private readonly output: OutputItem[] = [];
  private readonly blocks = new Map<string, Block>();

  constructor(
    private readonly responseId: string,
    private readonly model: string,
    private readonly created: number,
  ) {}

  /**
   * `{"type":…, …payload, "sequence_number":…}`, the same bytes as stringifying that object, built
   * without copying the payload into it: this runs for every event of every translated stream.
   * (`type` is always one of the fixed event names, which need no escaping.)
   */
  private event(type: string, payload: Record<string, unknown>): string {
    const fields = JSON.stringify(payload);
    const middle = fields.length === 2 ? "" : `${fields.slice(1, -1)},`;
    return formatSse(type, `{"type":"${type}",${middle}"sequence_number":${this.sequence++}}`);
  }

  private snapshot(
    status: "in_progress" | "completed" | "incomplete" | "failed",
    extra: { usage?: Usage; incompleteReason?: "max_output_tokens" | "content_filter" } = {},
  ) {
    return responseObject({
      id: this.responseId,
      model: this.model,
      created: this.created,
      output: [...this.output],
      status,
      ...extra,
    });
  }

  start(): string[] {
    return [
      this.event("response.created", { response: this.snapshot("in_progress") }),
      this.event("response.in_progress", { response: this.snapshot("in_progress") }),
    ];
  }

  private open(id: string, block: Block, item: OutputItem): string {
    this.blocks.set(id, block);
    this.output[block.outputIndex] = item;
    return this.event("response.output_item.added", { output_index: block.outputIndex, item });
  }

  private done(id: string, block: Block, item: OutputItem): string {
    this.blocks.delete(id);
    this.output[block.outputIndex] = item;
    return this.event("response.output_item.done", { output_index: block.outputIndex, item });
  }

  textStart(id: string): string[] {
    const block: Block = {
      kind: "text",
      outputIndex: this.output.length,
      itemId: itemId("msg", this.responseId, this.output.length),
      text: "",
    };
    const where = { item_id: block.itemId, output_index: block.outputIndex, content_index: 0 };
    return [
      this.open(id, block, {
        id: block.itemId,
        type: "message",
        status: "in_progress",
        role: "assistant",
        content: [],
      }),
      this.event("response.content_part.added", {
        ...where,
        part: { type: "output_text", text: "", annotations: [], logprobs: [] },
      }),
    ];
  }

  reasoningStart(id: string, responsesItemId: string | undefined): string[] {
    const block: Block = {
      kind: "reasoning",
      outputIndex: this.output.length,
      itemId: responsesItemId ?? itemId("rs", this.responseId, this.output.length),
      text: "",
      summaryOpen: false,
    };
    return [this.open(id, block, { id: block.itemId, type: "reasoning", summary: [] })];
  }

  toolStart(part: Start): string[] {
    const outputIndex = this.output.length;
    const custom = part.kind === "custom";
    const block: Block = {
      kind: "tool",
      outputIndex,
      itemId: itemId(custom ? "ctc" : "fc", this.responseId, outputIndex),
      callId: part.callId,
      name: part.name,
      custom,
      namespace: part.namespace,
      input: "",
    };
    return [this.open(part.id, block, this.toolItem(block, "in_progress"))];
  }

  private toolItem(block: Extract<Block, { kind: "tool" }>, status: "in_progress" | "completed"): OutputItem {
    const namespace = block.namespace === undefined ? {} : { namespace: block.namespace };
    const common = { id: block.itemId, status, call_id: block.callId, name: block.name, ...namespace };
    return block.custom
      ? { type: "custom_tool_call", ...common, input: block.input }
      : { type: "function_call", ...common, arguments: block.input };
  }

  delta(id: string, delta: string): string[] {
    const block = this.blocks.get(id);
    if (block === undefined || delta === "") return [];
    if (block.kind === "text") {
      block.text += delta;
      // The commonest event of all, written out directly (same bytes as `event` would give).
      const data =
        `{"type":"response.output_text.delta","item_id":${JSON.stringify(block.itemId)},` +
        `"output_index":${block.outputIndex},"content_index":0,"delta":${JSON.stringify(delta)},` +
        `"logprobs":[],"sequence_number":${this.sequence++}}`;
      return [formatSse("response.output_text.delta", data)];
    }
    const where = { item_id: block.itemId, output_index: block.outputIndex };
    if (block.kind === "tool") {
      block.input += delta;
      return [
        this.event(block.custom ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta", {
          ...where,
          delta,
        }),
      ];
    }
    const events: string[] = [];
    if (!block.summaryOpen) {
      block.summaryOpen = true;
      events.push(
        this.event("response.reasoning_summary_part.added", {
          ...where,
          summary_index: 0,
          part: { type: "summary_text", text: "" },
        }),
      );
    }
    block.text += delta;
    events.push(this.event("response.reasoning_summary_text.delta", { ...where, summary_index: 0, delta }));
    return events;
  }

  end(id: string, reasoningEnd?: ReasoningEnd, annotations: unknown[] = []): string[] {
    const block = this.blocks.get(id);
    if (block === undefined) return [];
    const where = { item_id: block.itemId, output_index: block.outputIndex };
    if (block.kind === "text") {
      const part = { type: "output_text", text: block.text, annotations, logprobs: [] };
      return [
        ...annotations.map((annotation, index) =>
          this.event("response.output_text.annotation.added", {
            ...where,
            content_index: 0,
            annotation_index: index,
            annotation,
          }),
        ),
        this.event("response.output_text.done", { ...where, content_index: 0, text: block.text, logprobs: [] }),
        this.event("response.content_part.done", { ...where, content_index: 0, part }),
        this.done(id, block, {
          id: block.itemId,
          type: "message",
          status: "completed",
          role: "assistant",
          content: [part] as never,
        }),
      ];
    }
    if (block.kind === "tool") {
      const doneEvent = block.custom
        ? this.event("response.custom_tool_call_input.done", { ...where, input: block.input })
        : this.event("response.function_call_arguments.done", { ...where, name: block.name, arguments: block.input });
      return [doneEvent, this.done(id, block, this.toolItem(block, "completed"))];
    }
    const events: string[] = [];
    const summary = block.summaryOpen ? [{ type: "summary_text" as const, text: block.text }] : [];
    if (block.summaryOpen) {
      events.push(this.event("response.reasoning_summary_text.done", { ...where, summary_index: 0, text: block.text }));
      events.push(this.event("response.reasoning_summary_part.done", { ...where, summary_index: 0, part: summary[0] }));
    }
    const content =
      reasoningEnd?.encryptedContent ?? (reasoningEnd === undefined ? undefined : packForeignReasoning(reasoningEnd));
    const encrypted = content === undefined ? {} : { encrypted_content: content };
    events.push(this.done(id, block, { id: block.itemId, type: "reasoning", summary, ...encrypted }));
    return events;
  }

  /** Ends blocks the IR left open, in output order, so the final snapshot is whole. */
  endAll(): string[] {
    const open = [...this.blocks.entries()].sort(([, a], [, b]) => a.outputIndex - b.outputIndex);
    return open.flatMap(([id]) => this.end(id));
  }

  /**
   * Output items the IR has no part for (hosted-tool calls a Responses upstream ran), kept by the
   * decoder until the finish. They are added after the other items: their original place is known
   * only now, and earlier items' `output_index` values have already been sent.
   */
  private otherItems(items: OutputItem[]): string[] {
    return items.flatMap((item) => {
      const outputIndex = this.output.length;
      this.output[outputIndex] = item;
      return [
        this.event("response.output_item.added", { output_index: outputIndex, item }),
        this.event("response.output_item.done", { output_index: outputIndex, item }),
      ];
    });
  }

  finish(reason: FinishReason, usage: Usage, otherItems: OutputItem[] = []): string[] {
    const events = [...this.endAll(), ...this.otherItems(otherItems)];
    const status = encodeStatus(reason);
    if (status.status === "incomplete") {
      const response = this.snapshot("incomplete", {
        usage,
        ...(status.incompleteReason === undefined ? {} : { incompleteReason: status.incompleteReason }),
      });
      return [...events, this.event("response.incomplete", { response })];
    }
    return [...events, this.event("response.completed", { response: this.snapshot("completed", { usage }) })];
  }

  error(error: GatewayError): string[] {
    const events = renderStreamErrorEvents(error, { sequenceNumber: this.sequence, response: this.snapshot("failed") });
    this.sequence += events.length;
    return events;
  }
}
