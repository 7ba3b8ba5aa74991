export type UnifiedFinishReason =
  "stop" | "length" | "tool-calls" | "content-filter" | "pause" | "refusal" | "error" | "other";

export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The upstream's own value (`end_turn`, `stop`, `incomplete:max_output_tokens`, …). */
  raw?: string;
  /** The stop sequence that ended generation, when the upstream reports it. */
  stopSequence?: string;
}
