import type { ReasoningConfig, Request, ResponseFormat } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { ResponsesRequest, TextFormat } from "../../protocols/openai-responses/types.js";
import { budgetAsEffort } from "../shared/reasoning-budget.js";
import type { EncodedRequest, EncodeRequestOptions } from "../translator.js";
import { encodeToolChoice, encodeTools } from "./encode-tools.js";
import { InputWriter } from "./encode-input.js";
import { isRecord, readExtension } from "./extensions.js";

export function encodeRequest(request: Request, options: EncodeRequestOptions): EncodedRequest {
  const warnings: Warning[] = [];
  const data = readExtension(request);
  // Fields the IR does not model (store, include, prompt_cache_key, client_metadata, …) come back first; translated ones override.
  const body: ResponsesRequest = { ...(isRecord(data.fields) ? data.fields : {}), model: options.model };
  const writer = new InputWriter(warnings);
  const tools = encodeTools(request.tools, warnings);
  if (tools.additionalTools.length > 0) {
    const fields = isRecord(data.additionalToolsFields) ? data.additionalToolsFields : {};
    writer.items.push({ type: "additional_tools", ...fields, role: "developer", tools: tools.additionalTools });
  }
  const instructions = writer.writeSystem(request.system);
  if (instructions !== undefined) body.instructions = instructions;
  writer.writeMessages(request.messages);
  if (Array.isArray(data.strayItems)) writer.items.push(...(data.strayItems as ResponsesRequest["input"] & object[]));
  body.input = writer.items;
  if (tools.tools.length > 0) body.tools = tools.tools;
  if (request.toolChoice !== undefined) body.tool_choice = encodeToolChoice(request.toolChoice, request.tools);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined)
    warnings.push({ type: "unsupported", feature: "top_k", detail: "OpenAI Responses has no top_k; dropped" });
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    warnings.push({
      type: "unsupported",
      feature: "stop_sequences",
      detail: "OpenAI Responses has no stop sequences; dropped",
    });
  }
  const reasoning = encodeReasoningConfig(request, data.reasoningFields, warnings);
  if (reasoning !== undefined) body.reasoning = reasoning;
  const include = includeEncryptedReasoning(request, body.include);
  if (include !== undefined) body.include = include;
  const text = { ...(isRecord(data.textFields) ? data.textFields : {}), ...encodeText(request) };
  if (Object.keys(text).length > 0) body.text = text;
  if (request.user !== undefined && body.user === undefined && body.safety_identifier === undefined)
    body.safety_identifier = request.user;
  if (request.promptCacheKey !== undefined) body.prompt_cache_key = request.promptCacheKey;
  body.stream = request.stream;
  return { body, warnings };
}

/**
 * The IR's reasoning settings as Responses' `reasoning`. An Anthropic thinking budget becomes an
 * effort level (thresholds in shared/reasoning-budget.ts). When the client turned reasoning on
 * explicitly (`enabled`: Anthropic `thinking`, Chat `reasoning_effort`) and named no summary,
 * `summary: "auto"` is set: without it a Responses upstream reasons but returns no reasoning text,
 * and the client that asked to see thinking would see none. A Responses request keeps its own
 * choice (no summary means none wanted), so it round-trips unchanged.
 */
function encodeReasoningConfig(request: Request, extra: unknown, warnings: Warning[]): ResponsesRequest["reasoning"] {
  const config = request.reasoning;
  if (config === undefined) return undefined;
  const reasoning: Record<string, unknown> = isRecord(extra) ? { ...extra } : {};
  const effort = encodeEffort(config, warnings);
  if (effort !== undefined) reasoning.effort = effort;
  if (config.summary !== undefined) reasoning.summary = config.summary;
  else if (config.enabled === true && effort !== "none") reasoning.summary = "auto";
  return Object.keys(reasoning).length === 0 ? undefined : reasoning;
}

const encryptedReasoning = "reasoning.encrypted_content";

/**
 * A client of another API that turned reasoning on gets OpenAI's reasoning back only as
 * `encrypted_content`, and only when `include` asks for it; without it the next tool-use turn
 * cannot send the reasoning back and the model starts over. A Responses client's own `include`
 * (kept in the extension fields) is its choice and is left as it is. Not added when reasoning is
 * off: OpenAI refuses `include` of encrypted reasoning for models that do not reason.
 */
function includeEncryptedReasoning(request: Request, include: unknown): string[] | undefined {
  if (request.extensions?.["openai-responses"] !== undefined) return undefined;
  const config = request.reasoning;
  const wanted = config !== undefined && config.enabled !== false && config.effort !== "none";
  if (!wanted) return undefined;
  const current = Array.isArray(include) ? include.filter((entry): entry is string => typeof entry === "string") : [];
  return current.includes(encryptedReasoning) ? undefined : [...current, encryptedReasoning];
}

function encodeEffort(config: ReasoningConfig, warnings: Warning[]): string | undefined {
  // "max" is Anthropic's; OpenAI's strongest is "xhigh".
  if (config.effort === "max") return "xhigh";
  if (config.effort !== undefined) return config.effort;
  if (config.enabled === false) return "none";
  if (config.budgetTokens === undefined) return undefined;
  return budgetAsEffort(config.budgetTokens, warnings, "Responses");
}

function encodeText(request: Request): { format?: TextFormat; verbosity?: string } {
  const text: { format?: TextFormat; verbosity?: string } = {};
  if (request.responseFormat !== undefined) text.format = encodeFormat(request.responseFormat);
  if (request.verbosity !== undefined) text.verbosity = request.verbosity;
  return text;
}

function encodeFormat(format: ResponseFormat): TextFormat {
  if (format.type !== "json_schema") return { type: format.type };
  const result: TextFormat = { type: "json_schema", name: format.name ?? "response", schema: format.schema };
  if (format.description !== undefined) result.description = format.description;
  if (format.strict !== undefined) result.strict = format.strict;
  return result;
}
