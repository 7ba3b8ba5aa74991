/**
 * LiteLLM model prefixes Switchboard can serve, as data: which provider type each becomes and,
 * for OpenAI-compatible vendors, where their endpoint is and which variable holds the key.
 * A prefix missing here is reported at start-up, not ignored.
 */
export interface LitellmProviderMapping {
  type: "openai" | "anthropic" | "openai-compatible" | "github-copilot";
  baseUrl?: string;
  apiKeyEnv?: string;
  /** Ollama's LiteLLM `api_base` has no `/v1`; its OpenAI-compatible API lives under it. */
  appendV1?: boolean;
}

export const litellmProviders: Record<string, LitellmProviderMapping> = {
  openai: { type: "openai", apiKeyEnv: "OPENAI_API_KEY" },
  anthropic: { type: "anthropic", apiKeyEnv: "ANTHROPIC_API_KEY" },
  github_copilot: { type: "github-copilot" },
  ollama: { type: "openai-compatible", baseUrl: "http://localhost:11434/v1", appendV1: true },
  ollama_chat: { type: "openai-compatible", baseUrl: "http://localhost:11434/v1", appendV1: true },
  hosted_vllm: { type: "openai-compatible", baseUrl: "http://localhost:8000/v1" },
  openrouter: { type: "openai-compatible", baseUrl: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY" },
  gemini: {
    type: "openai-compatible",
    baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
    apiKeyEnv: "GEMINI_API_KEY",
  },
  deepseek: { type: "openai-compatible", baseUrl: "https://api.deepseek.com/v1", apiKeyEnv: "DEEPSEEK_API_KEY" },
  groq: { type: "openai-compatible", baseUrl: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY" },
  mistral: { type: "openai-compatible", baseUrl: "https://api.mistral.ai/v1", apiKeyEnv: "MISTRAL_API_KEY" },
  xai: { type: "openai-compatible", baseUrl: "https://api.x.ai/v1", apiKeyEnv: "XAI_API_KEY" },
  together_ai: { type: "openai-compatible", baseUrl: "https://api.together.xyz/v1", apiKeyEnv: "TOGETHERAI_API_KEY" },
  fireworks_ai: {
    type: "openai-compatible",
    baseUrl: "https://api.fireworks.ai/inference/v1",
    apiKeyEnv: "FIREWORKS_AI_API_KEY",
  },
  deepinfra: {
    type: "openai-compatible",
    baseUrl: "https://api.deepinfra.com/v1/openai",
    apiKeyEnv: "DEEPINFRA_API_KEY",
  },
  cerebras: { type: "openai-compatible", baseUrl: "https://api.cerebras.ai/v1", apiKeyEnv: "CEREBRAS_API_KEY" },
  perplexity: { type: "openai-compatible", baseUrl: "https://api.perplexity.ai", apiKeyEnv: "PERPLEXITYAI_API_KEY" },
  lm_studio: { type: "openai-compatible", baseUrl: "http://localhost:1234/v1" },
};

/** LiteLLM infers the provider of an unprefixed model name; these are the names it knows best. */
export function inferLitellmPrefix(model: string): string | undefined {
  if (/^(gpt-|o\d|chatgpt-|text-embedding-)/.test(model)) return "openai";
  if (model.startsWith("claude")) return "anthropic";
  return undefined;
}
