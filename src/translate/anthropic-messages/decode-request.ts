import type { Message } from "../../ir/message.js";
import type { ReasoningConfig, Request } from "../../ir/request.js";
import type { MessageCreateParams, MessageParam, TextBlock } from "../../protocols/anthropic-messages/types.js";
import type { DecodedRequest } from "../translator.js";
import { decodeAssistantBlocks, decodeText, decodeUserBlocks, type DecodeContext } from "./decode-content.js";
import { decodeToolChoice, decodeTools } from "./decode-tools.js";

/** Top-level fields the IR holds; every other field goes to `extensions["anthropic-messages"]` under its own name. */
const knownFields = [
  "model",
  "max_tokens",
  "messages",
  "system",
  "tools",
  "tool_choice",
  "thinking",
  "output_config",
  "metadata",
  "stop_sequences",
  "temperature",
  "top_p",
  "top_k",
  "stream",
];

export function decodeRequest(body: Record<string, unknown>): DecodedRequest {
  const wire = body as MessageCreateParams;
  const context: DecodeContext = { warnings: [], toolNames: new Map() };
  const request: Request = {
    model: wire.model,
    system: decodeSystem(wire.system),
    messages: wire.messages.flatMap((message, index) => decodeMessage(message, context, `messages.${index}.content`)),
    tools: decodeTools(wire.tools),
    ...decodeToolChoice(wire.tool_choice),
    maxOutputTokens: wire.max_tokens,
    stream: wire.stream === true,
  };
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  if (wire.top_p !== undefined) request.topP = wire.top_p;
  if (wire.top_k !== undefined) request.topK = wire.top_k;
  if (wire.stop_sequences !== undefined) request.stopSequences = wire.stop_sequences;
  if (typeof wire.metadata?.user_id === "string") request.user = wire.metadata.user_id;
  const reasoning = decodeReasoning(wire);
  if (reasoning !== undefined) request.reasoning = reasoning;
  const format = wire.output_config?.format;
  if (format?.type === "json_schema") request.responseFormat = { type: "json_schema", schema: format.schema };
  const extra = anthropicOnlyFields(wire);
  if (extra !== undefined) request.extensions = { "anthropic-messages": extra };
  return { request, warnings: context.warnings };
}

function decodeSystem(system: MessageCreateParams["system"]) {
  if (system === undefined) return [];
  if (typeof system === "string") return system === "" ? [] : [{ type: "text" as const, text: system }];
  return system.map(decodeText);
}

function decodeMessage(message: MessageParam, context: DecodeContext, where: string): Message[] {
  const blocks =
    typeof message.content === "string" ? [{ type: "text" as const, text: message.content }] : message.content;
  if (message.role === "system") {
    const texts = blocks.filter((block): block is TextBlock => block.type === "text");
    if (texts.length < blocks.length) {
      const detail = "Only text blocks are kept in a system message.";
      context.warnings.push({ type: "unsupported", feature: `${where} system message`, detail });
    }
    return [{ role: "system", content: texts.map(decodeText) }];
  }
  if (message.role === "assistant")
    return [{ role: "assistant", content: decodeAssistantBlocks(blocks, context, where) }];
  const { results, content } = decodeUserBlocks(blocks, context, where);
  const messages: Message[] = [];
  if (results.length > 0) messages.push({ role: "tool", content: results });
  if (content.length > 0 || results.length === 0) messages.push({ role: "user", content });
  return messages;
}

function decodeReasoning(wire: MessageCreateParams): ReasoningConfig | undefined {
  const { thinking } = wire;
  const effort = wire.output_config?.effort ?? undefined;
  if (thinking === undefined && effort === undefined) return undefined;
  const reasoning: ReasoningConfig = {};
  if (thinking?.type === "disabled") reasoning.enabled = false;
  else if (thinking?.type === "adaptive") Object.assign(reasoning, { enabled: true, adaptive: true });
  else if (thinking?.type === "enabled")
    Object.assign(reasoning, { enabled: true, budgetTokens: thinking.budget_tokens });
  if (effort !== undefined) reasoning.effort = effort;
  return reasoning;
}

/**
 * Anthropic-only settings kept under their wire names: unknown top-level fields (`context_management`,
 * `container`, `service_tier`, …) and the parts of known objects the IR has no place for
 * (`thinking.display`, other `metadata` or `output_config` keys). The encoder merges them back.
 */
function anthropicOnlyFields(wire: MessageCreateParams): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire))
    if (!knownFields.includes(key) && value !== undefined) extra[key] = value;
  const rest = (object: object | undefined | null, known: string[]) => {
    const left = Object.fromEntries(
      Object.entries(object ?? {}).filter(([key, value]) => !known.includes(key) && value != null),
    );
    return Object.keys(left).length > 0 ? left : undefined;
  };
  const thinking = rest(wire.thinking, ["type", "budget_tokens"]);
  const metadata = rest(wire.metadata, ["user_id"]);
  const outputConfig = rest(wire.output_config, ["effort", "format"]);
  if (thinking !== undefined) extra.thinking = thinking;
  if (metadata !== undefined) extra.metadata = metadata;
  if (outputConfig !== undefined) extra.output_config = outputConfig;
  return Object.keys(extra).length > 0 ? extra : undefined;
}
