import type { FinishReason } from "../../ir/finish-reason.js";
import type { ChatFinishReason } from "../../protocols/openai-chat/types.js";

export function decodeFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "stop":
      return { unified: "stop", raw };
    case "length":
      return { unified: "length", raw };
    case "tool_calls":
    case "function_call":
      return { unified: "tool-calls", raw };
    case "content_filter":
      return { unified: "content-filter", raw };
    case null:
    case undefined:
      return { unified: "other" };
    default:
      return { unified: "other", raw };
  }
}

/** Chat has five values; the IR's others (pause, refusal, error, other) end the turn normally, as `stop`. */
export function encodeFinishReason(reason: FinishReason): ChatFinishReason {
  switch (reason.unified) {
    case "length":
      return "length";
    case "tool-calls":
      return reason.raw === "function_call" ? "function_call" : "tool_calls";
    case "content-filter":
      return "content_filter";
    default:
      return "stop";
  }
}
