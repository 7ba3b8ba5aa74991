import type { Warning } from "../../ir/warning.js";
import type { MessageCreateParams } from "../../protocols/anthropic-messages/types.js";

/**
 * With thinking on, Anthropic rejects a changed `temperature` or `top_k`, a `top_p` below 0.95 and
 * forced tool use (extended thinking docs). Clients of other APIs send such settings freely, so
 * they are dropped (or tool choice relaxed to `auto`) with a warning rather than failing the request.
 */
export function dropThinkingConflicts(body: MessageCreateParams, warnings: Warning[]): void {
  const type = body.thinking?.type;
  if (type !== "enabled" && type !== "adaptive") return;
  const drop = (field: "temperature" | "top_k" | "top_p") => {
    delete body[field];
    warnings.push({ type: "compatibility", feature: field, detail: `Not accepted together with thinking; dropped.` });
  };
  if (body.temperature !== undefined && body.temperature !== 1) drop("temperature");
  if (body.top_k !== undefined) drop("top_k");
  if (body.top_p !== undefined && body.top_p < 0.95) drop("top_p");
  const choice = body.tool_choice;
  if (choice?.type === "any" || choice?.type === "tool") {
    body.tool_choice =
      choice.disable_parallel_tool_use === true ? { type: "auto", disable_parallel_tool_use: true } : { type: "auto" };
    warnings.push({
      type: "compatibility",
      feature: "tool_choice",
      detail: "Forced tool use is not accepted together with thinking; sent as auto.",
    });
  }
}
