import type { ToolKind } from "./content-part.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";
import type { GatewayError } from "../errors/gateway-error.js";
import type { Extensions } from "./extensions.js";

/**
 * One event of a model's answer in the neutral form. Every block has start/delta/end parts
 * sharing an `id` (unique within the response). Blocks may interleave (parallel tool calls).
 * A stream is `response-start`, blocks, then exactly one `finish` or `error`.
 */
export type StreamPart =
  | { type: "response-start"; id: string; model: string; created?: number; usage?: Partial<Usage> }
  | { type: "text-start"; id: string }
  | { type: "text-delta"; id: string; delta: string }
  /** `extensions`: what the block's protocol said about the whole text (Responses `annotations`). */
  | { type: "text-end"; id: string; extensions?: Extensions }
  | { type: "reasoning-start"; id: string; itemId?: string }
  | { type: "reasoning-delta"; id: string; delta: string }
  /** Opaque reasoning data arrives at the end (Anthropic `signature_delta`, Responses item done). */
  | {
      type: "reasoning-end";
      id: string;
      signature?: string;
      redactedData?: string;
      encryptedContent?: string;
      itemId?: string;
    }
  | { type: "tool-input-start"; id: string; callId: string; name: string; kind: ToolKind; namespace?: string }
  | { type: "tool-input-delta"; id: string; delta: string }
  | { type: "tool-input-end"; id: string }
  /** `extensions`: output with no IR meaning (Responses hosted-tool items), as a non-streamed Response keeps it. */
  | { type: "finish"; reason: FinishReason; usage: Usage; extensions?: Extensions }
  | { type: "error"; error: GatewayError };
