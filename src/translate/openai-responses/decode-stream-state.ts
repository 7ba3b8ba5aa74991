import type { StreamPart } from "../../ir/stream-part.js";
import { makeExtensions } from "./extensions.js";

/** The open text parts of a message item and the annotations seen for each, by IR text id. */
interface MessageState {
  kind: "message";
  openTexts: Set<string>;
  written: Set<string>;
  annotations: Map<string, unknown[]>;
}

export function newMessageState(): MessageState {
  return { kind: "message", openTexts: new Set(), written: new Set(), annotations: new Map() };
}

/** What we know about one output item, found by `output_index` (Copilot rotates `item_id` mid-stream). */
export type OpenItem =
  | MessageState
  | { kind: "tool"; id: string; sentInput: boolean; ended: boolean }
  | {
      kind: "reasoning";
      id: string;
      itemId: string | undefined;
      sentText: boolean;
      lastSummaryIndex: number;
      ended: boolean;
    };

/** Open blocks of the stream being decoded, so that whatever the upstream forgets to close is closed. */
export class DecodeStreamState {
  readonly items = new Map<number, OpenItem>();
  started = false;
  hasToolCalls = false;
  /** Finished output items with no IR meaning (hosted tools), by output index, for the finish part. */
  readonly otherItems: Array<{ index: number; item: unknown }> = [];

  textId(outputIndex: number, contentIndex: number): string {
    return `text-${outputIndex}-${contentIndex}`;
  }

  /** Opens the text block of a content part when no `content_part.added` announced it. */
  ensureText(outputIndex: number, contentIndex: number): StreamPart[] {
    const item = this.message(outputIndex);
    const id = this.textId(outputIndex, contentIndex);
    if (item.openTexts.has(id)) return [];
    item.openTexts.add(id);
    return [{ type: "text-start", id }];
  }

  private message(outputIndex: number): MessageState {
    let item = this.items.get(outputIndex);
    if (item === undefined || item.kind !== "message") {
      item = newMessageState();
      this.items.set(outputIndex, item);
    }
    return item;
  }

  /** `response.output_text.annotation.added`: kept until the text block ends. */
  addAnnotation(outputIndex: number, contentIndex: number, annotation: unknown): void {
    const item = this.message(outputIndex);
    const id = this.textId(outputIndex, contentIndex);
    const list = item.annotations.get(id) ?? [];
    list.push(annotation);
    item.annotations.set(id, list);
  }

  /**
   * The annotations a finished content part lists, for upstreams that send them only there. Events
   * already seen win: they were numbered by the upstream and the part repeats them.
   */
  noteFinalAnnotations(outputIndex: number, contentIndex: number, annotations: unknown): void {
    if (!Array.isArray(annotations) || annotations.length === 0) return;
    const item = this.items.get(outputIndex);
    const id = this.textId(outputIndex, contentIndex);
    if (item?.kind !== "message" || item.annotations.has(id)) return;
    item.annotations.set(id, [...annotations]);
  }

  endText(outputIndex: number, contentIndex: number): StreamPart[] {
    const item = this.items.get(outputIndex);
    const id = this.textId(outputIndex, contentIndex);
    if (item?.kind !== "message" || !item.openTexts.delete(id)) return [];
    return [textEnd(item, id)];
  }

  /** Ends every open block of one item (or all items), in output order. */
  closeItem(outputIndex: number): StreamPart[] {
    const item = this.items.get(outputIndex);
    if (item === undefined) return [];
    if (item.kind === "message") {
      const parts: StreamPart[] = [...item.openTexts].map((id) => textEnd(item, id));
      item.openTexts.clear();
      return parts;
    }
    if (item.ended) return [];
    item.ended = true;
    if (item.kind === "tool") return [{ type: "tool-input-end", id: item.id }];
    return [
      item.itemId === undefined
        ? { type: "reasoning-end", id: item.id }
        : { type: "reasoning-end", id: item.id, itemId: item.itemId },
    ];
  }

  closeAll(): StreamPart[] {
    return [...this.items.keys()].sort((a, b) => a - b).flatMap((index) => this.closeItem(index));
  }
}

/** A text block's end, carrying its annotations the way a non-streamed `output_text` part keeps them. */
function textEnd(item: MessageState, id: string): StreamPart {
  const annotations = item.annotations.get(id);
  const extensions = makeExtensions({ annotations });
  return extensions === undefined ? { type: "text-end", id } : { type: "text-end", id, extensions };
}
