import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { NeutralToolChoice } from "./neutral-turn.js";

/**
 * Request settings as the upstream received them, each read from that API's own field, so a case
 * can check that a setting arrived where the upstream looks for it (and not only somewhere).
 */
export interface UpstreamSettings {
  /** The structured-output JSON schema and the field it came in. */
  responseFormat?: { field: string; schema: unknown };
  effort?: { field: string; value: unknown };
  maxTokens?: { field: string; value: unknown };
  stopSequences?: unknown;
  toolChoice?: NeutralToolChoice | `unknown:${string}`;
  /** `stream_options.include_usage` (Chat upstreams). */
  includeUsage?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function readUpstreamSettings(api: WireApi, body: unknown): UpstreamSettings {
  if (!isObject(body)) return {};
  if (api === "anthropic-messages") return readAnthropicSettings(body);
  if (api === "openai-chat") return readChatSettings(body);
  return readResponsesSettings(body);
}

function readAnthropicSettings(body: Json): UpstreamSettings {
  const settings: UpstreamSettings = {};
  const outputConfig = body["output_config"];
  if (isObject(outputConfig)) {
    const format = outputConfig["format"];
    if (isObject(format) && format["type"] === "json_schema") {
      settings.responseFormat = { field: "output_config.format", schema: format["schema"] };
    }
    if (outputConfig["effort"] !== undefined) {
      settings.effort = { field: "output_config.effort", value: outputConfig["effort"] };
    }
  }
  if (body["max_tokens"] !== undefined) settings.maxTokens = { field: "max_tokens", value: body["max_tokens"] };
  if (body["stop_sequences"] !== undefined) settings.stopSequences = body["stop_sequences"];
  const choice = body["tool_choice"];
  if (isObject(choice)) {
    const type = String(choice["type"]);
    if (type === "auto" || type === "none") settings.toolChoice = type;
    else if (type === "any") settings.toolChoice = "required";
    else if (type === "tool") settings.toolChoice = { name: String(choice["name"]) };
    else settings.toolChoice = `unknown:${type}`;
  }
  return settings;
}

function readOpenAiChoice(choice: unknown, nameOf: (choice: Json) => unknown): UpstreamSettings["toolChoice"] {
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  if (isObject(choice) && choice["type"] === "function") return { name: String(nameOf(choice)) };
  return choice === undefined ? undefined : `unknown:${JSON.stringify(choice)}`;
}

function readChatSettings(body: Json): UpstreamSettings {
  const settings: UpstreamSettings = {};
  const format = body["response_format"];
  if (isObject(format) && format["type"] === "json_schema" && isObject(format["json_schema"])) {
    settings.responseFormat = { field: "response_format.json_schema", schema: format["json_schema"]["schema"] };
  }
  if (body["reasoning_effort"] !== undefined) {
    settings.effort = { field: "reasoning_effort", value: body["reasoning_effort"] };
  }
  for (const field of ["max_completion_tokens", "max_tokens"]) {
    if (body[field] !== undefined && settings.maxTokens === undefined) {
      settings.maxTokens = { field, value: body[field] };
    }
  }
  const stop = body["stop"];
  if (stop !== undefined) settings.stopSequences = typeof stop === "string" ? [stop] : stop;
  const toolChoice = readOpenAiChoice(body["tool_choice"], (choice) =>
    isObject(choice["function"]) ? choice["function"]["name"] : undefined,
  );
  if (toolChoice !== undefined) settings.toolChoice = toolChoice;
  const streamOptions = body["stream_options"];
  if (isObject(streamOptions)) settings.includeUsage = streamOptions["include_usage"];
  return settings;
}

function readResponsesSettings(body: Json): UpstreamSettings {
  const settings: UpstreamSettings = {};
  const text = body["text"];
  if (isObject(text) && isObject(text["format"]) && text["format"]["type"] === "json_schema") {
    settings.responseFormat = { field: "text.format", schema: text["format"]["schema"] };
  }
  const reasoning = body["reasoning"];
  if (isObject(reasoning) && reasoning["effort"] !== undefined) {
    settings.effort = { field: "reasoning.effort", value: reasoning["effort"] };
  }
  if (body["max_output_tokens"] !== undefined) {
    settings.maxTokens = { field: "max_output_tokens", value: body["max_output_tokens"] };
  }
  const toolChoice = readOpenAiChoice(body["tool_choice"], (choice) => choice["name"]);
  if (toolChoice !== undefined) settings.toolChoice = toolChoice;
  return settings;
}
