import type { StreamPart } from "../../ir/stream-part.js";

/** What we know about one output item, found by `output_index` (Copilot rotates `item_id` mid-stream). */
export type OpenItem =
  | { kind: "message"; openTexts: Set<string>; written: Set<string> }
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

  textId(outputIndex: number, contentIndex: number): string {
    return `text-${outputIndex}-${contentIndex}`;
  }

  /** Opens the text block of a content part when no `content_part.added` announced it. */
  ensureText(outputIndex: number, contentIndex: number): StreamPart[] {
    let item = this.items.get(outputIndex);
    if (item === undefined || item.kind !== "message") {
      item = { kind: "message", openTexts: new Set(), written: new Set() };
      this.items.set(outputIndex, item);
    }
    const id = this.textId(outputIndex, contentIndex);
    if (item.openTexts.has(id)) return [];
    item.openTexts.add(id);
    return [{ type: "text-start", id }];
  }

  endText(outputIndex: number, contentIndex: number): StreamPart[] {
    const item = this.items.get(outputIndex);
    const id = this.textId(outputIndex, contentIndex);
    if (item?.kind !== "message" || !item.openTexts.delete(id)) return [];
    return [{ type: "text-end", id }];
  }

  /** Ends every open block of one item (or all items), in output order. */
  closeItem(outputIndex: number): StreamPart[] {
    const item = this.items.get(outputIndex);
    if (item === undefined) return [];
    if (item.kind === "message") {
      const parts: StreamPart[] = [...item.openTexts].map((id) => ({ type: "text-end", id }));
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
