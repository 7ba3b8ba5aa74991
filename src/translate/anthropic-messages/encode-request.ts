import { isRecord } from "../../lib/is-record.js";
import type { Request } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { Effort, MessageCreateParams, OutputConfig } from "../../protocols/anthropic-messages/types.js";
import type { EncodedRequest, EncodeRequestOptions } from "../translator.js";
import { dropThinkingConflicts } from "./drop-thinking-conflicts.js";
import { encodeText } from "./encode-content.js";
import { encodeMessages } from "./encode-messages.js";
import { encodeReasoning } from "./encode-reasoning.js";
import { encodeToolChoice, encodeTools } from "./encode-tools.js";
import { ownFields } from "./extensions.js";
import { placeCacheBreakpoints } from "./place-cache-breakpoints.js";

/**
 * `max_tokens` is required by Anthropic and optional elsewhere. 32000 is the largest output every
 * current Claude model accepts (Opus 4/4.1 stop there; others go higher).
 */
export const defaultMaxTokens = 32000;

export function encodeRequest(request: Request, options: EncodeRequestOptions): EncodedRequest {
  const warnings: Warning[] = [];
  const { hoisted, messages } = encodeMessages(request.messages, options.model, warnings);
  const body: MessageCreateParams = {
    model: options.model,
    max_tokens: request.maxOutputTokens ?? defaultMaxTokens,
    messages,
  };
  const system = [...request.system.filter((part) => part.text !== "").map(encodeText), ...hoisted];
  if (system.length > 0) body.system = system;
  const tools = encodeTools(request.tools, warnings);
  if (tools.length > 0) body.tools = tools;
  const toolChoice = encodeToolChoice(request.toolChoice, request.parallelToolCalls, tools.length > 0);
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0)
    body.stop_sequences = request.stopSequences;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  const { thinking, effort } = encodeReasoning({
    reasoning: request.reasoning,
    model: options.model,
    maxTokens: body.max_tokens,
    warnings,
  });
  if (thinking !== undefined) body.thinking = thinking;
  const outputConfig = encodeOutputConfig(request, effort, warnings);
  if (outputConfig !== undefined) body.output_config = outputConfig;
  if (request.verbosity !== undefined) {
    warnings.push({
      type: "unsupported",
      feature: "verbosity",
      detail: "Anthropic has no verbosity setting; it was dropped.",
    });
  }
  if (request.stream) body.stream = true;
  dropThinkingConflicts(body, warnings);
  mergeAnthropicFields(body, ownFields(request.extensions));
  if (options.promptCache !== "off") placeCacheBreakpoints(body);
  return { body, warnings };
}

function encodeOutputConfig(
  request: Request,
  effort: Effort | undefined,
  warnings: Warning[],
): OutputConfig | undefined {
  const config: OutputConfig = {};
  if (effort !== undefined) config.effort = effort;
  const format = request.responseFormat;
  if (format?.type === "json_schema") config.format = { type: "json_schema", schema: format.schema };
  else if (format?.type === "json_object") {
    config.format = { type: "json_schema", schema: { type: "object" } };
    warnings.push({
      type: "compatibility",
      feature: "response_format json_object",
      detail: "Sent as a JSON schema accepting any object.",
    });
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

/** Anthropic-only fields the client sent (see decode-request) go back under their names; objects merge. */
function mergeAnthropicFields(body: MessageCreateParams, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    const current = body[key];
    if (key === "thinking" && (body.thinking === undefined || body.thinking.type === "disabled")) continue;
    if (current === undefined) body[key] = value;
    else if (isRecord(current) && isRecord(value)) body[key] = { ...value, ...current };
  }
}
