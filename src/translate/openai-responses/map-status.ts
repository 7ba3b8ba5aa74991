import type { FinishReason } from "../../ir/finish-reason.js";
import type { ResponseStatus } from "../../protocols/openai-responses/types.js";

export interface WireStatus {
  status: ResponseStatus;
  incompleteReason?: "max_output_tokens" | "content_filter";
}

/**
 * Responses has no finish reason, only a status: a response that called tools is `completed` like
 * any other, so the caller says whether the output holds tool calls.
 */
export function decodeStatus(options: {
  status: string | undefined;
  incompleteReason?: string | undefined;
  hasToolCalls: boolean;
}): FinishReason {
  const { status, incompleteReason, hasToolCalls } = options;
  if (status === "incomplete") {
    const raw = `incomplete:${incompleteReason ?? "unknown"}`;
    if (incompleteReason === "max_output_tokens") return { unified: "length", raw };
    if (incompleteReason === "content_filter") return { unified: "content-filter", raw };
    return { unified: "other", raw };
  }
  if (status === "failed") return { unified: "error", raw: "failed" };
  if (status === "cancelled") return { unified: "other", raw: "cancelled" };
  if (hasToolCalls) return { unified: "tool-calls", raw: status ?? "completed" };
  return { unified: "stop", raw: status ?? "completed" };
}

export function encodeStatus(reason: FinishReason): WireStatus {
  switch (reason.unified) {
    case "length":
      return { status: "incomplete", incompleteReason: "max_output_tokens" };
    case "content-filter":
      return { status: "incomplete", incompleteReason: "content_filter" };
    case "error":
      return { status: "failed" };
    default:
      return { status: "completed" };
  }
}

export const mapStatus = { decode: decodeStatus, encode: encodeStatus };
