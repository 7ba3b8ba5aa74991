import type { ReasoningConfig, ReasoningEffort, Request, ResponseFormat } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { ResponsesRequest, TextFormat } from "../../protocols/openai-responses/types.js";
import type { DecodedRequest } from "../translator.js";
import { decodeInput } from "./decode-input.js";
import { decodeToolChoice, decodeTools } from "./decode-tools.js";
import { extraFields, isRecord, makeExtensions } from "./extensions.js";

/** Top-level fields the IR models; every other one is kept in `extensions["openai-responses"].fields`. */
const translatedFields = [
  "model",
  "input",
  "instructions",
  "tools",
  "parallel_tool_calls",
  "max_output_tokens",
  "temperature",
  "top_p",
  "reasoning",
  "text",
  "stream",
  "prompt_cache_key",
] as const;

const efforts: readonly string[] = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

/** Takes a body already checked by the protocol's `parseRequest`. */
export function decodeRequest(body: Record<string, unknown>): DecodedRequest {
  const wire = body as ResponsesRequest;
  const warnings: Warning[] = [];
  const input = decodeInput(wire.input, warnings);
  const system =
    typeof wire.instructions === "string" && wire.instructions !== ""
      ? [
          {
            type: "text" as const,
            text: wire.instructions,
            extensions: { "openai-responses": { role: "instructions" } },
          },
        ]
      : [];
  const request: Request = {
    model: wire.model,
    system: [...system, ...input.system],
    messages: input.messages,
    tools: [...decodeTools(wire.tools ?? []), ...input.tools],
    stream: wire.stream === true,
  };
  const toolChoice = decodeToolChoice(wire.tool_choice);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  if (typeof wire.parallel_tool_calls === "boolean") request.parallelToolCalls = wire.parallel_tool_calls;
  if (typeof wire.max_output_tokens === "number") request.maxOutputTokens = wire.max_output_tokens;
  if (typeof wire.temperature === "number") request.temperature = wire.temperature;
  if (typeof wire.top_p === "number") request.topP = wire.top_p;
  const reasoning = decodeReasoningConfig(wire.reasoning);
  if (reasoning !== undefined) request.reasoning = reasoning;
  const format = decodeTextFormat(wire.text?.format);
  if (format !== undefined) request.responseFormat = format;
  if (typeof wire.text?.verbosity === "string") request.verbosity = wire.text.verbosity;
  const user = wire.safety_identifier ?? wire.user;
  if (typeof user === "string") request.user = user;
  if (typeof wire.prompt_cache_key === "string") request.promptCacheKey = wire.prompt_cache_key;
  if (typeof wire.previous_response_id === "string") {
    warnings.push({
      type: "unsupported",
      feature: "previous_response_id",
      detail: "a translating gateway holds no stored responses; only the given input is sent",
    });
  }
  const fields = extraFields(body, translatedFields);
  const textFields = isRecord(wire.text) ? extraFields(wire.text, ["format", "verbosity"]) : undefined;
  const reasoningFields = isRecord(wire.reasoning) ? extraFields(wire.reasoning, ["effort", "summary"]) : undefined;
  const extensions = makeExtensions({
    fields,
    textFields,
    reasoningFields,
    strayItems: input.strayItems.length > 0 ? input.strayItems : undefined,
    additionalToolsFields: input.additionalToolsFields,
  });
  if (extensions !== undefined) request.extensions = extensions;
  return { request, warnings };
}

function decodeReasoningConfig(reasoning: ResponsesRequest["reasoning"]): ReasoningConfig | undefined {
  if (!isRecord(reasoning)) return undefined;
  const config: ReasoningConfig = {};
  if (typeof reasoning.effort === "string" && efforts.includes(reasoning.effort)) {
    config.effort = reasoning.effort as ReasoningEffort;
    if (reasoning.effort === "none") config.enabled = false;
  }
  if (typeof reasoning.summary === "string") config.summary = reasoning.summary;
  return Object.keys(config).length === 0 ? undefined : config;
}

function decodeTextFormat(format: TextFormat | null | undefined): ResponseFormat | undefined {
  if (format === undefined || format === null) return undefined;
  if (format.type === "json_schema") {
    const result: ResponseFormat = { type: "json_schema", name: format.name, schema: format.schema };
    if (format.description !== undefined) result.description = format.description;
    if (typeof format.strict === "boolean") result.strict = format.strict;
    return result;
  }
  return { type: format.type };
}
