import type { FinishReason, UnifiedFinishReason } from "../../ir/finish-reason.js";
import type { StopReason } from "../../protocols/anthropic-messages/types.js";

const unifiedByStopReason: Record<StopReason, UnifiedFinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool-calls",
  pause_turn: "pause",
  refusal: "refusal",
};

export function decodeStopReason(stopReason: string | null | undefined, stopSequence?: string | null): FinishReason {
  const unified = stopReason == null ? "other" : (unifiedByStopReason[stopReason as StopReason] ?? "other");
  const reason: FinishReason = { unified };
  if (stopReason != null) reason.raw = stopReason;
  if (stopSequence != null) reason.stopSequence = stopSequence;
  return reason;
}

/** The stop reason to send; the upstream's own value is kept when it is an Anthropic one with the same meaning. */
export function encodeStopReason(reason: FinishReason): StopReason {
  const raw = reason.raw as StopReason | undefined;
  if (raw !== undefined && unifiedByStopReason[raw] === reason.unified) {
    return raw === "stop_sequence" && reason.stopSequence === undefined ? "end_turn" : raw;
  }
  switch (reason.unified) {
    case "stop":
      return reason.stopSequence === undefined ? "end_turn" : "stop_sequence";
    case "length":
      return "max_tokens";
    case "tool-calls":
      return "tool_use";
    case "pause":
      return "pause_turn";
    case "refusal":
    case "content-filter":
      return "refusal";
    default:
      // `error` and `other` have no Anthropic counterpart; the turn simply ended.
      return "end_turn";
  }
}
