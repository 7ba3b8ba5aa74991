import type { Warning } from "../../ir/warning.js";
import type { MessageCreateParams, MessageParam } from "../../protocols/anthropic-messages/types.js";

/**
 * With thinking on, Anthropic rejects a changed `temperature` or `top_k`, a `top_p` below 0.95 and
 * forced tool use (extended thinking docs). Clients of other APIs send such settings freely, so
 * they are dropped (or tool choice relaxed to `auto`) with a warning rather than failing the request.
 */
export function dropThinkingConflicts(body: MessageCreateParams, warnings: Warning[]): void {
  const type = body.thinking?.type;
  if (type !== "enabled" && type !== "adaptive") return;
  if (toolUseWithoutThinking(body.messages)) {
    // Anthropic refuses thinking when the tool-use turn in progress does not start with its thinking
    // block; reasoning that came from another API (or a Chat client, which cannot send it back)
    // never has one. Thinking resumes on the next turn that is not a tool result.
    body.thinking = { type: "disabled" };
    warnings.push({
      type: "compatibility",
      feature: "thinking",
      detail:
        "The tool-use turn in progress has no Anthropic thinking block to send back; thinking is off for this request.",
    });
    return;
  }
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

/** The last assistant turn calls tools but does not open with a (signed or redacted) thinking block. */
function toolUseWithoutThinking(messages: MessageParam[]): boolean {
  const last = messages.findLast((message) => message.role === "assistant");
  if (last === undefined || typeof last.content === "string") return false;
  if (!last.content.some((block) => block.type === "tool_use")) return false;
  const first = last.content[0]?.type;
  return first !== "thinking" && first !== "redacted_thinking";
}
