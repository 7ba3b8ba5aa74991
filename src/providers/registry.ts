import { createAnthropicProvider } from "./anthropic/index.js";
import { createOpenAiProvider } from "./openai/index.js";
import { createOpenAiCompatibleProvider, openAiCompatiblePresets } from "./openai-compatible/index.js";
import type { ProviderType } from "./provider.js";

export type { ProviderType };
import { githubCopilotProviderType } from "./github-copilot/index.js";
import { gitlabDuoProviderType } from "./gitlab-duo/index.js";

/** The only file that imports every provider folder: each provider type by its config name. */
function detectFromVariable(variable: string, entry: Record<string, unknown>): ProviderType["detect"] {
  return async (env) => (env[variable] !== undefined && env[variable] !== "" ? entry : undefined);
}

/** `type: ollama` is shorthand for `type: openai-compatible` with `preset: ollama`. */
function presetType(preset: keyof typeof openAiCompatiblePresets): ProviderType {
  return {
    create: (id, config, context) => createOpenAiCompatibleProvider(id, { ...config, preset }, context),
    defaultId: preset,
  };
}

export const providerTypes: Record<string, ProviderType> = {
  openai: {
    create: createOpenAiProvider,
    defaultId: "openai",
    detect: detectFromVariable("OPENAI_API_KEY", { type: "openai" }),
  },
  anthropic: {
    create: createAnthropicProvider,
    defaultId: "anthropic",
    detect: detectFromVariable("ANTHROPIC_API_KEY", { type: "anthropic" }),
  },
  "openai-compatible": { create: createOpenAiCompatibleProvider },
  ollama: presetType("ollama"),
  vllm: presetType("vllm"),
  openrouter: {
    ...presetType("openrouter"),
    detect: detectFromVariable("OPENROUTER_API_KEY", { type: "openrouter" }),
  },
  "github-copilot": githubCopilotProviderType,
  "gitlab-duo": gitlabDuoProviderType,
};
