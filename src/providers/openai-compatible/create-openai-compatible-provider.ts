import { z } from "zod";
import type { Provider, ProviderFactoryContext } from "../provider.js";
import { createOpenAiShapedProvider } from "./create-openai-shaped-provider.js";
import { parseProviderConfig } from "../parse-provider-config.js";
import { openAiCompatiblePresetNames, openAiCompatiblePresets, type OpenAiCompatiblePreset } from "./presets.js";
import { apisSchema, commonProviderConfigSchema } from "./provider-config-schema.js";
import { configuredModels, resolveApiKey, resolveTimeouts } from "./resolve-settings.js";

const presetNames = openAiCompatiblePresetNames as [string, ...string[]];

export const openAiCompatibleConfigSchema = commonProviderConfigSchema.extend({
  /** A known server whose defaults apply (`ollama`, `vllm`, `openrouter`). */
  preset: z.enum(presetNames).optional(),
  /** The APIs this server speaks; Chat Completions unless said otherwise. */
  apis: apisSchema.optional(),
});

/**
 * Any server that speaks the OpenAI API (Ollama, vLLM, OpenRouter, LM Studio, …). A preset
 * supplies defaults; every key in the config entry overrides them.
 */
export function createOpenAiCompatibleProvider(
  id: string,
  rawConfig: Record<string, unknown>,
  context: ProviderFactoryContext,
): Provider {
  const config = parseProviderConfig(openAiCompatibleConfigSchema, id, rawConfig);
  const preset: OpenAiCompatiblePreset | undefined =
    config.preset === undefined
      ? undefined
      : openAiCompatiblePresets[config.preset as keyof typeof openAiCompatiblePresets];
  const baseUrl = config.base_url ?? preset?.baseUrl;
  if (baseUrl === undefined) {
    throw new Error(
      `provider "${id}": base_url: required (the server's OpenAI API root, e.g. http://localhost:8000/v1)`,
    );
  }
  const apiKey = resolveApiKey(config, context.env, preset?.apiKeyEnv);
  if (apiKey === undefined && preset?.requiresApiKey === true) {
    const variable = config.api_key_env ?? preset.apiKeyEnv;
    throw new Error(`provider "${id}": api_key: required for ${config.preset} (set api_key or ${variable})`);
  }
  const apis = config.apis ?? [...(preset?.apis ?? ["openai-chat"])];
  return createOpenAiShapedProvider({
    id,
    type: "openai-compatible",
    baseUrl,
    apiKey,
    headers: { ...preset?.headers, ...config.headers },
    apis,
    models: configuredModels(config.models, apis),
    aliases: config.aliases ?? {},
    timeouts: resolveTimeouts(config, context),
    logger: context.logger,
  });
}
