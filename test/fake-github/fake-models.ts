/**
 * `/models` entries shaped like Copilot's (fields as the open clients read them): a Claude model
 * on `/v1/messages`, a GPT model on `/responses` only, one on `/chat/completions` only, a
 * premium model whose policy is not enabled, and an embeddings model that chat must skip.
 */
export const fakeCopilotModels = [
  {
    id: "claude-sonnet-4.5",
    name: "Claude Sonnet 4.5",
    object: "model",
    vendor: "Anthropic",
    version: "claude-sonnet-4.5",
    preview: false,
    model_picker_enabled: true,
    capabilities: {
      family: "claude-sonnet-4.5",
      type: "chat",
      object: "model_capabilities",
      tokenizer: "o200k_base",
      limits: { max_context_window_tokens: 200000, max_output_tokens: 32000, max_prompt_tokens: 128000 },
      supports: { streaming: true, tool_calls: true, parallel_tool_calls: true, vision: true, thinking: true },
    },
    policy: { state: "enabled", terms: "Enable access to the latest Claude Sonnet 4.5 model from Anthropic." },
    billing: { is_premium: true, multiplier: 1 },
    supported_endpoints: ["/chat/completions", "/v1/messages"],
  },
  {
    id: "claude-opus-4.8",
    name: "Claude Opus 4.8",
    object: "model",
    vendor: "Anthropic",
    version: "claude-opus-4.8",
    preview: false,
    model_picker_enabled: true,
    capabilities: {
      family: "claude-opus-4.8",
      type: "chat",
      object: "model_capabilities",
      limits: { max_context_window_tokens: 200000, max_output_tokens: 32000, max_prompt_tokens: 168000 },
      supports: { streaming: true, tool_calls: true, vision: true, thinking: true },
    },
    policy: { state: "unconfigured", terms: "Enable access to Claude Opus 4.8." },
    billing: { is_premium: true, multiplier: 3 },
    supported_endpoints: ["/v1/messages"],
  },
  {
    id: "gpt-5.1-codex",
    name: "GPT-5.1-Codex",
    object: "model",
    vendor: "OpenAI",
    version: "gpt-5.1-codex",
    preview: false,
    model_picker_enabled: true,
    capabilities: {
      family: "gpt-5.1-codex",
      type: "chat",
      object: "model_capabilities",
      limits: { max_context_window_tokens: 400000, max_output_tokens: 128000, max_prompt_tokens: 272000 },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        structured_outputs: true,
        reasoning_effort: ["low", "medium", "high"],
      },
    },
    policy: { state: "enabled", terms: "Enable access to GPT-5.1-Codex." },
    billing: { is_premium: true, multiplier: 1 },
    supported_endpoints: ["/responses"],
  },
  {
    id: "gpt-4.1",
    name: "GPT-4.1",
    object: "model",
    vendor: "Azure OpenAI",
    version: "gpt-4.1-2025-04-14",
    preview: false,
    model_picker_enabled: true,
    capabilities: {
      family: "gpt-4.1",
      type: "chat",
      object: "model_capabilities",
      limits: { max_context_window_tokens: 128000, max_output_tokens: 16384, max_prompt_tokens: 128000 },
      supports: { streaming: true, tool_calls: true, parallel_tool_calls: true, vision: true },
    },
    billing: { is_premium: false, multiplier: 0 },
    supported_endpoints: ["/chat/completions"],
  },
  {
    id: "text-embedding-3-small",
    name: "Embedding V3 small",
    object: "model",
    vendor: "Azure OpenAI",
    version: "text-embedding-3-small",
    preview: false,
    model_picker_enabled: false,
    capabilities: {
      family: "text-embedding-3-small",
      type: "embeddings",
      object: "model_capabilities",
      limits: { max_inputs: 512 },
    },
  },
];

export function endpointsOf(modelId: string): string[] | undefined {
  const model = fakeCopilotModels.find((entry) => entry.id === modelId);
  return model === undefined ? undefined : (model.supported_endpoints ?? []);
}
