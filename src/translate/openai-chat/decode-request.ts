import type { ReasoningEffort, Request, ResponseFormat } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatRequest, ChatResponseFormat } from "../../protocols/openai-chat/types.js";
import type { DecodedRequest } from "../translator.js";
import { decodeMessages } from "./decode-messages.js";
import { decodeToolChoice, decodeTools } from "./decode-tools.js";

/** Fields given an IR meaning here; every other field is kept under `extensions["openai-chat"]` for a Chat upstream. */
const mappedFields = new Set([
  "model",
  "messages",
  "tools",
  "functions",
  "tool_choice",
  "function_call",
  "parallel_tool_calls",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "stop",
  "n",
  "reasoning_effort",
  "response_format",
  "verbosity",
  "stream",
  "stream_options",
  "user",
  "prompt_cache_key",
]);

/** A client's Chat request (already validated by the protocol) → IR. */
export function decodeRequest(body: Record<string, unknown>): DecodedRequest {
  const chat = body as ChatRequest;
  const warnings: Warning[] = [];
  const { system, messages } = decodeMessages(chat.messages, warnings);
  const request: Request = {
    model: chat.model,
    system,
    messages,
    tools: decodeTools(chat),
    stream: chat.stream === true,
  };
  const toolChoice = decodeToolChoice(chat, warnings);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  if (typeof chat.parallel_tool_calls === "boolean") request.parallelToolCalls = chat.parallel_tool_calls;
  const maxTokens = chat.max_completion_tokens ?? chat.max_tokens;
  if (typeof maxTokens === "number") request.maxOutputTokens = maxTokens;
  if (typeof chat.temperature === "number") request.temperature = chat.temperature;
  if (typeof chat.top_p === "number") request.topP = chat.top_p;
  if (typeof chat.stop === "string") request.stopSequences = [chat.stop];
  else if (Array.isArray(chat.stop)) request.stopSequences = chat.stop;
  if (typeof chat.reasoning_effort === "string") {
    const effort = chat.reasoning_effort as ReasoningEffort;
    // Chat has no other way to ask for reasoning, so any other level turns it on explicitly.
    request.reasoning = { effort, enabled: effort !== "none" };
  }
  if (chat.response_format !== undefined && chat.response_format !== null)
    request.responseFormat = decodeResponseFormat(chat.response_format);
  if (typeof chat.verbosity === "string") request.verbosity = chat.verbosity;
  if (request.stream) request.includeUsage = chat.stream_options?.include_usage === true;
  const { include_usage: _includeUsage, ...streamOptions } = chat.stream_options ?? {};
  if (typeof chat.user === "string") request.user = chat.user;
  if (typeof chat.prompt_cache_key === "string") request.promptCacheKey = chat.prompt_cache_key;
  if (typeof chat.n === "number" && chat.n > 1) {
    warnings.push({
      type: "unsupported",
      feature: "n",
      detail: `n=${chat.n} asked for several choices; only one is returned.`,
    });
  }
  // Other stream options (include_obfuscation) are the client's to keep for a Chat upstream.
  const extensions = {
    ...unmappedFields(chat),
    ...(Object.keys(streamOptions).length > 0 ? { stream_options: streamOptions } : {}),
  };
  if (Object.keys(extensions).length > 0) request.extensions = { "openai-chat": extensions };
  return { request, warnings };
}

function decodeResponseFormat(format: ChatResponseFormat): ResponseFormat {
  if (format.type !== "json_schema") return { type: format.type };
  const { name, description, schema, strict } = format.json_schema;
  const result: ResponseFormat = { type: "json_schema", name, schema: schema ?? {} };
  if (description !== undefined) result.description = description;
  if (typeof strict === "boolean") result.strict = strict;
  return result;
}

function unmappedFields(chat: ChatRequest): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(chat)) {
    if (!mappedFields.has(key) && value !== undefined) result[key] = value;
  }
  return result;
}
