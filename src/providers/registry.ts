import { createAnthropicProvider } from "./anthropic/index.js";
import { createOpenAiProvider } from "./openai/index.js";
import { createOpenAiCompatibleProvider, openAiCompatiblePresets } from "./openai-compatible/index.js";
import type { ProviderFactory } from "./provider.js";

/**
 * The only file that imports every provider folder. A provider type registers how to build it
 * from a config entry and, optionally, how to find a usable login with no config at all
 * (Copilot: a `gh` login; Duo: `GITLAB_TOKEN`).
 */
export interface ProviderType {
  create: ProviderFactory;
  /** The provider id used when the provider is detected without config (e.g. `copilot`). */
  defaultId?: string;
  /** Returns a config entry when the environment holds what this provider needs. */
  detect?: (env: NodeJS.ProcessEnv, configDir: string) => Promise<Record<string, unknown> | undefined>;
}

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
};
