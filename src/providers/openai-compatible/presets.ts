import type { WireApi } from "../../protocols/wire-api.js";

/** Defaults for a well-known OpenAI-compatible server; every field can be overridden by the config entry. */
export interface OpenAiCompatiblePreset {
  baseUrl: string;
  /** The environment variable read for the key when the config gives none. */
  apiKeyEnv?: string;
  /** Whether the server refuses requests without a key. */
  requiresApiKey: boolean;
  headers?: Record<string, string>;
  apis: WireApi[];
}

export const openAiCompatiblePresets = {
  ollama: { baseUrl: "http://localhost:11434/v1", requiresApiKey: false, apis: ["openai-chat"] },
  vllm: {
    baseUrl: "http://localhost:8000/v1",
    apiKeyEnv: "VLLM_API_KEY",
    requiresApiKey: false,
    apis: ["openai-chat"],
  },
  openrouter: {
    baseUrl: "https://openrouter.ai/api/v1",
    apiKeyEnv: "OPENROUTER_API_KEY",
    requiresApiKey: true,
    // OpenRouter's app attribution headers: they name the app in the user's OpenRouter activity.
    headers: { "HTTP-Referer": "https://github.com/switchboard-gateway/switchboard", "X-Title": "Switchboard" },
    apis: ["openai-chat"],
  },
} as const satisfies Record<string, OpenAiCompatiblePreset>;

export type OpenAiCompatiblePresetName = keyof typeof openAiCompatiblePresets;

export const openAiCompatiblePresetNames = Object.keys(openAiCompatiblePresets) as OpenAiCompatiblePresetName[];
