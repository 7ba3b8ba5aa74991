import type { ReasoningConfig, Request, ResponseFormat } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatRequest, ChatResponseFormat } from "../../protocols/openai-chat/types.js";
import type { EncodedRequest, EncodeRequestOptions } from "../translator.js";
import { budgetAsEffort } from "../shared/reasoning-budget.js";
import { encodeMessages } from "./encode-messages.js";
import { encodeToolChoice, encodeTools } from "./encode-tools.js";

/**
 * OpenAI's reasoning models reject `max_tokens` and want `max_completion_tokens`; most
 * OpenAI-compatible servers (vLLM, Ollama, older proxies) know only `max_tokens`. With no per-upstream
 * option available, the model name decides: o-series and gpt-5 family names get
 * `max_completion_tokens`, every other model `max_tokens`.
 */
export function usesMaxCompletionTokens(model: string): boolean {
  return /^(o\d|gpt-5)/.test(bareModelName(model));
}

/** OpenAI's own models (and gpt-oss, whose format has the role) take `developer`; others get `system`. */
export function acceptsDeveloperRole(model: string): boolean {
  return /^(o\d|gpt-)/.test(bareModelName(model));
}

function bareModelName(model: string): string {
  return model.slice(model.lastIndexOf("/") + 1).toLowerCase();
}

/** IR → a Chat request body for the upstream. */
export function encodeRequest(request: Request, options: EncodeRequestOptions): EncodedRequest {
  const warnings: Warning[] = [];
  const body: ChatRequest = {
    model: options.model,
    messages: encodeMessages(request.system, request.messages, {
      developerRole: acceptsDeveloperRole(options.model),
      warnings,
    }),
  };
  const tools = encodeTools(request.tools, warnings);
  if (tools.length > 0) {
    body.tools = tools;
    if (request.toolChoice !== undefined) body.tool_choice = encodeToolChoice(request.toolChoice);
    // OpenAI rejects `parallel_tool_calls` when no tools are given.
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.maxOutputTokens !== undefined) {
    if (usesMaxCompletionTokens(options.model)) body.max_completion_tokens = request.maxOutputTokens;
    else body.max_tokens = request.maxOutputTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined)
    warnings.push({ type: "unsupported", feature: "top_k", detail: "Chat Completions has no top_k." });
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop = request.stopSequences;
  const effort = request.reasoning === undefined ? undefined : encodeEffort(request.reasoning, warnings);
  if (effort !== undefined) body.reasoning_effort = effort;
  if (request.responseFormat !== undefined) body.response_format = encodeResponseFormat(request.responseFormat);
  if (request.verbosity !== undefined) body.verbosity = request.verbosity;
  if (request.user !== undefined) body.user = request.user;
  if (request.promptCacheKey !== undefined) body.prompt_cache_key = request.promptCacheKey;
  const { stream_options: streamOptions, ...extensions } = request.extensions?.["openai-chat"] ?? {};
  if (request.stream) {
    body.stream = true;
    // Always asked, whatever the client chose: the gateway needs usage for every request.
    body.stream_options = { ...(streamOptions as Record<string, unknown> | undefined), include_usage: true };
  }
  for (const [key, value] of Object.entries(extensions)) {
    if (!(key in body)) body[key] = value;
  }
  return { body, warnings };
}

function encodeEffort(reasoning: ReasoningConfig, warnings: Warning[]): string | undefined {
  if (reasoning.effort === "max") {
    warnings.push({
      type: "compatibility",
      feature: "reasoning effort max",
      detail: "Sent as xhigh, Chat's highest effort.",
    });
    return "xhigh";
  }
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (reasoning.budgetTokens === undefined) return undefined;
  return budgetAsEffort(reasoning.budgetTokens, warnings, "Chat");
}

function encodeResponseFormat(format: ResponseFormat): ChatResponseFormat {
  if (format.type !== "json_schema") return { type: format.type };
  const schema: Extract<ChatResponseFormat, { type: "json_schema" }>["json_schema"] = {
    name: format.name ?? "response",
    schema: format.schema,
  };
  if (format.description !== undefined) schema.description = format.description;
  if (format.strict !== undefined) schema.strict = format.strict;
  return { type: "json_schema", json_schema: schema };
}
