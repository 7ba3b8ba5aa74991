import type { Provider, ProviderFactoryContext } from "../provider.js";
import { createOpenAiShapedProvider } from "../openai-compatible/create-openai-shaped-provider.js";
import { parseProviderConfig } from "../parse-provider-config.js";
import { commonProviderConfigSchema } from "../openai-compatible/provider-config-schema.js";
import { configuredModels, resolveApiKey, resolveTimeouts } from "../openai-compatible/resolve-settings.js";
import type { WireApi } from "../../protocols/wire-api.js";

export const openAiDefaultBaseUrl = "https://api.openai.com/v1";

/** OpenAI models speak Responses first (it carries reasoning across turns), Chat as well. */
const openAiApis: WireApi[] = ["openai-responses", "openai-chat"];

/** `GET /models` on OpenAI also lists embedding, image, audio and moderation models, which cannot chat. */
export function isOpenAiChatModel(id: string): boolean {
  return !/embedding|whisper|tts|dall-e|davinci|babbage|moderation|transcribe|image|realtime|audio|sora|search/i.test(
    id,
  );
}

export function createOpenAiProvider(
  id: string,
  rawConfig: Record<string, unknown>,
  context: ProviderFactoryContext,
): Provider {
  const config = parseProviderConfig(commonProviderConfigSchema, id, rawConfig);
  const apiKey = resolveApiKey(config, context.env, "OPENAI_API_KEY");
  if (apiKey === undefined) {
    throw new Error(`provider "${id}": api_key: required (set api_key, api_key_env, or OPENAI_API_KEY)`);
  }
  return createOpenAiShapedProvider({
    id,
    type: "openai",
    baseUrl: config.base_url ?? openAiDefaultBaseUrl,
    apiKey,
    headers: config.headers ?? {},
    apis: openAiApis,
    models: configuredModels(config.models, openAiApis),
    aliases: config.aliases ?? {},
    timeouts: resolveTimeouts(config, context),
    logger: context.logger,
    keepModel: isOpenAiChatModel,
  });
}
