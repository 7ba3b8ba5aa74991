import { GatewayError } from "../../errors/index.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { joinUrl, sendUpstream } from "../../upstream/index.js";
import { createModelCatalog } from "../openai-compatible/model-catalog.js";
import { parseProviderConfig } from "../parse-provider-config.js";
import { commonProviderConfigSchema } from "../openai-compatible/provider-config-schema.js";
import { configuredModels, resolveApiKey, resolveTimeouts } from "../openai-compatible/resolve-settings.js";
import type { Provider, ProviderFactoryContext, UpstreamRequest, UpstreamResponse } from "../provider.js";
import { listAnthropicModels } from "./list-anthropic-models.js";

export const anthropicDefaultBaseUrl = "https://api.anthropic.com";
export const anthropicDefaultVersion = "2023-06-01";

const anthropicApis: WireApi[] = ["anthropic-messages"];

/** The client's own `anthropic-version` and `anthropic-beta` win: Claude Code's betas must reach the API. */
function anthropicHeaders(forward: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { "anthropic-version": anthropicDefaultVersion };
  for (const [name, value] of Object.entries(forward)) {
    const lower = name.toLowerCase();
    if (lower === "anthropic-version" || lower === "anthropic-beta") headers[lower] = value;
  }
  return headers;
}

export function createAnthropicProvider(
  id: string,
  rawConfig: Record<string, unknown>,
  context: ProviderFactoryContext,
): Provider {
  const config = parseProviderConfig(commonProviderConfigSchema, id, rawConfig);
  const configuredKey = resolveApiKey(config, context.env, "ANTHROPIC_API_KEY");
  if (configuredKey === undefined) {
    throw new Error(`provider "${id}": api_key: required (set api_key, api_key_env, or ANTHROPIC_API_KEY)`);
  }
  const apiKey: string = configuredKey;
  // The API root; a base URL written with `/v1` (as for OpenAI) is accepted too.
  const baseUrl = (config.base_url ?? anthropicDefaultBaseUrl).replace(/\/+$/, "").replace(/\/v1$/, "");
  const timeouts = resolveTimeouts(config, context);
  const configHeaders = config.headers ?? {};
  const secrets = [apiKey];

  const catalog = createModelCatalog({
    configured: configuredModels(config.models, anthropicApis),
    aliases: config.aliases ?? {},
    defaultApis: anthropicApis,
    onRefreshError: (error) =>
      context.logger.warn({ provider: id, err: error }, "model list refresh failed; the previous list stays"),
    discover: () =>
      listAnthropicModels({
        provider: id,
        baseUrl,
        headers: { ...configHeaders, "anthropic-version": anthropicDefaultVersion, "x-api-key": apiKey },
        timeouts,
        secrets,
      }),
  });

  // Not async: the promise is sendUpstream's own, with no wrapper's hops on every request.
  function send(request: UpstreamRequest): Promise<UpstreamResponse> {
    if (request.api !== "anthropic-messages") {
      return Promise.reject(
        new GatewayError("unsupported_feature", `Provider "${id}" (anthropic) speaks only the Anthropic Messages API.`),
      );
    }
    const path = request.operation === "count_tokens" ? "/v1/messages/count_tokens" : "/v1/messages";
    // Filled in place: spreads into a literal are a slow path.
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: request.stream ? "text/event-stream" : "application/json",
    };
    Object.assign(headers, anthropicHeaders(request.context.forwardHeaders), configHeaders);
    headers["x-api-key"] = apiKey;
    return sendUpstream({
      provider: id,
      url: joinUrl(baseUrl, path, request.query),
      method: "POST",
      headers,
      body: request.body,
      signal: request.signal,
      timeouts,
      secrets,
    });
  }

  return {
    id,
    type: "anthropic",
    listModels: () => catalog.list(),
    verifySignIn: () => catalog.verify(),
    resolveModel: (name) => catalog.resolve(name),
    // The factory refuses to build without a key, so a built provider always has one.
    signInState: async () => ({ kind: "api-key", keyPresent: true }),
    modelAsNamed: (modelId) => ({ id: modelId, apis: [...anthropicApis] }),
    send,
    async close() {
      catalog.clear();
    },
  };
}
