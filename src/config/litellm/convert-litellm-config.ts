import { convertLitellmTeams, litellmTeamsCacheKeys, litellmTeamsRouterKeys } from "./convert-litellm-teams.js";
import { inferLitellmPrefix, litellmProviders } from "./litellm-providers.js";

/**
 * Reads a LiteLLM proxy `config.yaml` (already parsed) and returns the same setup in
 * Switchboard's own config shape, plus a warning for every key that is not supported, so that
 * nothing is ignored silently.
 *
 * - each `model_list` entry becomes a deployment of the route named by its `model_name`
 *   (entries sharing a name share the load); its `litellm_params.model` prefix picks the
 *   provider type, `api_base`/`api_key` the provider instance (identical ones are shared);
 * - `os.environ/NAME` becomes `${NAME}`, expanded like every other value;
 * - `rpm`/`tpm` become load-balancing weights (LiteLLM's simple-shuffle uses them that way);
 * - `router_settings` and `litellm_settings` map onto routing policy; `general_settings.master_key`
 *   onto `server.api_key`.
 */
export interface ConvertedConfig {
  config: Record<string, unknown>;
  warnings: string[];
}

type Json = Record<string, unknown>;

const supportedRouterKeys = new Set([
  ...litellmTeamsRouterKeys,
  "routing_strategy",
  "num_retries",
  "timeout",
  "fallbacks",
  "context_window_fallbacks",
  "content_policy_fallbacks",
  "default_fallbacks",
  "allowed_fails",
  "cooldown_time",
]);
const supportedLitellmKeys = new Set([
  ...litellmTeamsCacheKeys,
  "drop_params",
  "additional_drop_params",
  "num_retries",
  "request_timeout",
  "fallbacks",
  "context_window_fallbacks",
  "content_policy_fallbacks",
  "default_fallbacks",
]);
const supportedParamKeys = new Set([
  "model",
  "api_base",
  "api_key",
  "rpm",
  "tpm",
  "weight",
  "extra_headers",
  "timeout",
  "stream_timeout",
]);
const strategies: Record<string, string> = {
  "simple-shuffle": "weighted",
  "least-busy": "least-busy",
  "latency-based-routing": "latency",
};

export function isLitellmConfig(raw: unknown): raw is Json {
  return typeof raw === "object" && raw !== null && Array.isArray((raw as Json)["model_list"]);
}

function environmentReference(value: unknown): unknown {
  if (typeof value === "string" && value.startsWith("os.environ/")) return `\${${value.slice("os.environ/".length)}}`;
  return value;
}

/** `os.environ/NAME` anywhere in a value (LiteLLM's `mcp_servers` entries keep secrets this way). */
function environmentReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(environmentReferences);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, environmentReferences(item)]));
  return environmentReference(value);
}

function asObject(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** `[{ "a": ["b", "c"] }]` → `{ a: ["b", "c"] }`. */
function fallbackMap(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!Array.isArray(value)) return result;
  for (const entry of value) {
    for (const [from, to] of Object.entries(asObject(entry))) {
      result[from] = (Array.isArray(to) ? to : [to]).filter((name): name is string => typeof name === "string");
    }
  }
  return result;
}

function appendV1(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/v1") ? trimmed : `${trimmed}/v1`;
}

/** LiteLLM's spend-log settings: its database URL and `store_prompts_in_spend_logs` (Switchboard's `store.bodies`). */
function litellmStore(generalSettings: Json): Json {
  const store: Json = {};
  const url = environmentReference(generalSettings["database_url"]);
  if (typeof url === "string") store["url"] = url;
  if (generalSettings["store_prompts_in_spend_logs"] !== undefined)
    store["bodies"] = Boolean(generalSettings["store_prompts_in_spend_logs"]);
  return store;
}

export function convertLitellmConfig(raw: Json): ConvertedConfig {
  const warnings: string[] = [];
  const providers: Record<string, Json> = {};
  const providerIdsBySignature = new Map<string, string>();
  const routes: Record<string, Json> = {};
  const routerSettings = asObject(raw["router_settings"]);
  const litellmSettings = asObject(raw["litellm_settings"]);
  const generalSettings = asObject(raw["general_settings"]);

  for (const key of Object.keys(raw)) {
    if (
      ![
        "model_list",
        "router_settings",
        "litellm_settings",
        "general_settings",
        "environment_variables",
        "mcp_servers",
      ].includes(key)
    ) {
      warnings.push(`${key}: not supported by Switchboard; ignored`);
    }
  }
  for (const key of Object.keys(routerSettings))
    if (!supportedRouterKeys.has(key)) warnings.push(`router_settings.${key}: not supported; ignored`);
  for (const key of Object.keys(litellmSettings))
    if (!supportedLitellmKeys.has(key)) warnings.push(`litellm_settings.${key}: not supported; ignored`);
  for (const key of Object.keys(generalSettings))
    if (!["master_key", "database_url", "store_prompts_in_spend_logs"].includes(key))
      warnings.push(`general_settings.${key}: not supported; ignored`);
  if (raw["environment_variables"] !== undefined)
    warnings.push("environment_variables: not applied; set these in the environment or a .env file");

  const modelList = raw["model_list"] as unknown[];
  modelList.forEach((entryValue, index) => {
    const entry = asObject(entryValue);
    const name = entry["model_name"];
    const params = asObject(entry["litellm_params"]);
    const model = params["model"];
    const where = `model_list.${index}`;
    if (typeof name !== "string" || typeof model !== "string") {
      warnings.push(`${where}: needs model_name and litellm_params.model; skipped`);
      return;
    }
    for (const key of Object.keys(params))
      if (!supportedParamKeys.has(key)) warnings.push(`${where}.litellm_params.${key}: not supported; ignored`);
    const slash = model.indexOf("/");
    const prefix = slash > 0 ? model.slice(0, slash) : inferLitellmPrefix(model);
    const upstreamModel = slash > 0 && prefix === model.slice(0, slash) ? model.slice(slash + 1) : model;
    const mapping = prefix === undefined ? undefined : litellmProviders[prefix];
    if (prefix === undefined || mapping === undefined) {
      warnings.push(`${where}: provider of "${model}" is not supported by Switchboard; deployment skipped`);
      return;
    }
    const apiBase = typeof params["api_base"] === "string" ? (params["api_base"] as string) : undefined;
    // LiteLLM's `openai/` with an `api_base` means "an OpenAI-compatible server", spoken over Chat.
    const type = mapping.type === "openai" && apiBase !== undefined ? "openai-compatible" : mapping.type;
    let baseUrl = apiBase ?? mapping.baseUrl;
    if (baseUrl !== undefined && mapping.appendV1) baseUrl = appendV1(baseUrl);
    let apiKey =
      environmentReference(params["api_key"]) ?? (mapping.apiKeyEnv ? `\${${mapping.apiKeyEnv}:-}` : undefined);
    let headers = asObject(params["extra_headers"]);
    if (type === "github-copilot") {
      // Copilot signs in with a GitHub login and sends its own headers; its provider entry takes neither key.
      for (const key of ["api_key", "extra_headers"])
        if (params[key] !== undefined)
          warnings.push(`${where}.litellm_params.${key}: not used for github_copilot; ignored`);
      apiKey = undefined;
      headers = {};
    }
    const signature = JSON.stringify([type, baseUrl, apiKey, headers]);
    let providerId = providerIdsBySignature.get(signature);
    if (providerId === undefined) {
      providerId = providers[prefix] === undefined ? prefix : `${prefix}-${providerIdsBySignature.size + 1}`;
      providerIdsBySignature.set(signature, providerId);
      const provider: Json = { type };
      if (baseUrl !== undefined) provider["base_url"] = baseUrl;
      if (apiKey !== undefined) provider["api_key"] = apiKey;
      if (Object.keys(headers).length > 0) provider["headers"] = headers;
      if (type === "openai-compatible") provider["models"] = [];
      providers[providerId] = provider;
    }
    const provider = providers[providerId] as Json;
    if (
      Array.isArray(provider["models"]) &&
      upstreamModel !== "*" &&
      !(provider["models"] as string[]).includes(upstreamModel)
    ) {
      (provider["models"] as string[]).push(upstreamModel);
    }
    const rpm = Number(params["rpm"] ?? entry["rpm"]);
    const tpm = Number(params["tpm"] ?? entry["tpm"]);
    const explicitWeight = Number(params["weight"]);
    const weight =
      Number.isFinite(explicitWeight) && explicitWeight > 0
        ? explicitWeight
        : Number.isFinite(rpm) && rpm > 0
          ? rpm
          : Number.isFinite(tpm) && tpm > 0
            ? tpm
            : 1;
    if (Number.isFinite(rpm) || Number.isFinite(tpm)) {
      warnings.push(`${where}: rpm/tpm are used as load-balancing weights; they are not enforced as limits`);
    }
    const route = (routes[name] ??= { deployments: [] as Json[] });
    (route["deployments"] as Json[]).push({ target: `${providerId}/${upstreamModel}`, weight });
  });

  const strategyName = routerSettings["routing_strategy"];
  const strategy = typeof strategyName === "string" ? strategies[strategyName] : undefined;
  if (typeof strategyName === "string" && strategy === undefined) {
    warnings.push(`router_settings.routing_strategy: "${strategyName}" is not supported; using weighted shuffle`);
  }
  const fallbacks = { ...fallbackMap(litellmSettings["fallbacks"]), ...fallbackMap(routerSettings["fallbacks"]) };
  const contextFallbacks = {
    ...fallbackMap(litellmSettings["context_window_fallbacks"]),
    ...fallbackMap(routerSettings["context_window_fallbacks"]),
  };
  const contentFallbacks = {
    ...fallbackMap(litellmSettings["content_policy_fallbacks"]),
    ...fallbackMap(routerSettings["content_policy_fallbacks"]),
  };
  const defaultFallbacks = routerSettings["default_fallbacks"] ?? litellmSettings["default_fallbacks"];
  for (const [name, route] of Object.entries(routes)) {
    if (strategy !== undefined) route["strategy"] = strategy;
    const chain = fallbacks[name] ?? (Array.isArray(defaultFallbacks) ? (defaultFallbacks as string[]) : undefined);
    if (chain !== undefined) route["fallbacks"] = chain;
    if (contextFallbacks[name] !== undefined) route["context_window_fallbacks"] = contextFallbacks[name];
    if (contentFallbacks[name] !== undefined) route["content_policy_fallbacks"] = contentFallbacks[name];
  }
  for (const name of [...Object.keys(fallbacks), ...Object.keys(contextFallbacks), ...Object.keys(contentFallbacks)]) {
    if (routes[name] === undefined) warnings.push(`fallbacks: "${name}" is not a model_name in model_list`);
  }

  const router: Json = {};
  const retries = routerSettings["num_retries"] ?? litellmSettings["num_retries"];
  if (typeof retries === "number") router["retries"] = retries;
  const timeout = routerSettings["timeout"] ?? litellmSettings["request_timeout"];
  if (typeof timeout === "number") router["deadline_s"] = timeout;
  if (typeof routerSettings["allowed_fails"] === "number") router["allowed_fails"] = routerSettings["allowed_fails"];
  if (typeof routerSettings["cooldown_time"] === "number") router["cooldown_s"] = routerSettings["cooldown_time"];
  if (litellmSettings["drop_params"] !== undefined) router["drop_params"] = Boolean(litellmSettings["drop_params"]);
  if (Array.isArray(litellmSettings["additional_drop_params"]))
    router["additional_drop_params"] = litellmSettings["additional_drop_params"];

  const config: Json = {
    providers,
    models: routes,
    router,
    ...convertLitellmTeams(routerSettings, litellmSettings, warnings),
  };
  const masterKey = environmentReference(generalSettings["master_key"]);
  if (masterKey !== undefined) config["server"] = { api_key: masterKey };
  config["store"] = litellmStore(generalSettings);
  // Same key, same entry shape: the MCP config schema reads LiteLLM's entries as they are.
  if (raw["mcp_servers"] !== undefined) config["mcp_servers"] = environmentReferences(raw["mcp_servers"]);
  return { config, warnings };
}
