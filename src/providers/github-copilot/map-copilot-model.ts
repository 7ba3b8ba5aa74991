import type { WireApi } from "../../protocols/wire-api.js";
import type { ModelInfo } from "../provider.js";
import { arrayField, isRecord, numberField, recordField, stringField } from "./json-fields.js";

const endpointApis: Record<string, WireApi> = {
  "/v1/messages": "anthropic-messages",
  "/responses": "openai-responses",
  "/chat/completions": "openai-chat",
};

/** Where a Copilot user turns on a model whose policy is not enabled yet. */
export const copilotFeaturesUrl = "https://github.com/settings/copilot/features";

/**
 * Whether a `/models` entry is a chat model worth listing: not embeddings, and not `disabled`
 * (an organisation's admin turned it off; the user cannot change that). Other policy states
 * (`unconfigured`: the user has not accepted the model's terms yet) stay listed but are marked
 * `notEnabled` by `mapCopilotModel`, since Copilot refuses them with a 403 until enabled.
 */
export function isUsableChatModel(entry: unknown): boolean {
  const type = stringField(recordField(entry, "capabilities"), "type");
  if (type !== undefined && type !== "chat") return false;
  const policyState = stringField(recordField(entry, "policy"), "state");
  return policyState !== "disabled";
}

/** Maps one entry of Copilot's `/models` onto a `ModelInfo`; undefined when it has no id. */
export function mapCopilotModel(entry: unknown): ModelInfo | undefined {
  const id = stringField(entry, "id");
  if (id === undefined) return undefined;
  const capabilities = recordField(entry, "capabilities");
  const limits = recordField(capabilities, "limits");
  const supports = recordField(capabilities, "supports");
  const billing = recordField(entry, "billing");
  const info: ModelInfo = { id, apis: preferredApis(id, entry) };
  const displayName = stringField(entry, "name");
  if (displayName !== undefined) info.displayName = displayName;
  const contextWindow = numberField(limits, "max_context_window_tokens") ?? numberField(limits, "max_prompt_tokens");
  if (contextWindow !== undefined) info.contextWindow = contextWindow;
  const maxOutput = numberField(limits, "max_output_tokens");
  if (maxOutput !== undefined) info.maxOutputTokens = maxOutput;
  if (billing !== undefined) {
    const multiplier = numberField(billing, "multiplier");
    info.billing = {
      ...(multiplier === undefined ? {} : { multiplier }),
      ...(typeof billing["is_premium"] === "boolean" ? { premium: billing["is_premium"] } : {}),
    };
  }
  if (supports !== undefined) {
    info.capabilities = {
      vision: supports["vision"] === true,
      tools: supports["tool_calls"] === true,
      reasoning:
        supports["thinking"] === true ||
        supports["adaptive_thinking"] === true ||
        arrayField(supports, "reasoning_effort") !== undefined,
    };
  }
  // No policy field means no policy to accept (older models, some plans): usable as listed.
  const policyState = stringField(recordField(entry, "policy"), "state");
  if (policyState !== undefined && policyState !== "enabled")
    info.notEnabled = {
      state: policyState,
      fix: `enable it at ${copilotFeaturesUrl} (or ask your organisation's admin to allow it)`,
    };
  const dashed = dashedAlias(id);
  if (dashed !== id) info.aliases = [dashed];
  return info;
}

/**
 * The wire APIs of a model, preferred first: a model's native API keeps what translation would
 * lose (Claude through `/v1/messages` keeps thinking signatures and cache control; OpenAI models
 * through `/responses` keep encrypted reasoning). Entries without `supported_endpoints` are Chat only.
 */
export function preferredApis(id: string, entry: unknown): WireApi[] {
  const endpoints = arrayField(entry, "supported_endpoints");
  if (endpoints === undefined) return ["openai-chat"];
  const offered = new Set<WireApi>();
  for (const endpoint of endpoints) {
    const api = typeof endpoint === "string" ? endpointApis[endpoint] : undefined;
    if (api !== undefined) offered.add(api);
  }
  const isClaude = id.startsWith("claude") || stringField(entry, "vendor")?.toLowerCase() === "anthropic";
  const order: WireApi[] = isClaude
    ? ["anthropic-messages", "openai-responses", "openai-chat"]
    : ["openai-responses", "openai-chat", "anthropic-messages"];
  const apis = order.filter((api) => offered.has(api));
  return apis.length > 0 ? apis : ["openai-chat"];
}

/** `claude-sonnet-4.5` → `claude-sonnet-4-5`: the spelling Anthropic's clients use. */
export function dashedAlias(id: string): string {
  return id.replace(/(\d)\.(\d)/g, "$1-$2");
}

export function modelEntries(document: unknown): unknown[] {
  return (arrayField(document, "data") ?? arrayField(document, "models") ?? []).filter(isRecord);
}
