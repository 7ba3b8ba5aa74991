import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { convertLitellmConfig, isLitellmConfig } from "./convert-litellm-config.js";

// Shaped after LiteLLM's documented proxy examples (docs.litellm.ai: proxy/configs, proxy/reliability)
// and the Claude Code / Copilot setups that use a "*" catch-all with a fallback chain.
const documentedExample = `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
      rpm: 480
  - model_name: claude-sonnet
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_base: https://api.anthropic.com
      api_key: os.environ/ANTHROPIC_API_KEY
  - model_name: local
    litellm_params:
      model: ollama_chat/qwen3
      api_base: http://localhost:11434
  - model_name: "*"
    litellm_params:
      model: github_copilot/*
router_settings:
  routing_strategy: least-busy
  num_retries: 2
  timeout: 120
  fallbacks: [{"*": ["claude-sonnet", "local"]}]
  context_window_fallbacks: [{"gpt-4o": ["claude-sonnet"]}]
  redis_host: localhost
  redis_port: 6380
  redis_password: os.environ/REDIS_PASSWORD
  enable_pre_call_checks: true
litellm_settings:
  cache: true
  cache_params: { type: redis, host: cache.internal, port: 6379, ttl: 300 }
  drop_params: true
  additional_drop_params: ["temperature"]
  success_callback: ["langfuse"]
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
`;

describe("convertLitellmConfig", () => {
  const raw = parse(documentedExample) as Record<string, unknown>;
  const { config, warnings } = convertLitellmConfig(raw);

  it("recognises a LiteLLM config by its model_list", () => {
    expect(isLitellmConfig(raw)).toBe(true);
    expect(isLitellmConfig({ providers: {} })).toBe(false);
  });

  it("turns prefixes, api_base and os.environ keys into providers", () => {
    expect(config["providers"]).toEqual({
      openai: { type: "openai", api_key: "${OPENAI_API_KEY}" },
      anthropic: { type: "anthropic", base_url: "https://api.anthropic.com", api_key: "${ANTHROPIC_API_KEY}" },
      ollama_chat: { type: "openai-compatible", base_url: "http://localhost:11434/v1", models: ["qwen3"] },
      github_copilot: { type: "github-copilot" },
    });
  });

  it("turns model_list entries into routes with deployments, fallbacks and the strategy", () => {
    const models = config["models"] as Record<string, Record<string, unknown>>;
    expect(models["gpt-4o"]).toEqual({
      deployments: [{ target: "openai/gpt-4o", weight: 480 }],
      strategy: "least-busy",
      context_window_fallbacks: ["claude-sonnet"],
    });
    expect(models["*"]).toEqual({
      deployments: [{ target: "github_copilot/*", weight: 1 }],
      strategy: "least-busy",
      fallbacks: ["claude-sonnet", "local"],
    });
  });

  it("maps router and litellm settings and the master key", () => {
    expect(config["router"]).toEqual({
      retries: 2,
      deadline_s: 120,
      drop_params: true,
      additional_drop_params: ["temperature"],
    });
    expect(config["server"]).toEqual({ api_key: "${LITELLM_MASTER_KEY}" });
  });

  it("maps LiteLLM's coordination Redis and its response cache apart", () => {
    expect(config["redis"]).toEqual({ url: "redis://:${REDIS_PASSWORD}@localhost:6380" });
    expect(config["cache"]).toEqual({ enabled: true, ttl_s: 300, redis: { url: "redis://cache.internal:6379" } });
  });

  it("lists every key it does not support instead of ignoring it silently", () => {
    expect(warnings).toContain("router_settings.enable_pre_call_checks: not supported; ignored");
    expect(warnings).toContain("litellm_settings.success_callback: not supported; ignored");
    expect(warnings.some((warning) => warning.includes("rpm/tpm"))).toBe(true);
  });

  it("shares one provider between deployments with the same endpoint and key, and splits different ones", () => {
    const converted = convertLitellmConfig({
      model_list: [
        { model_name: "a", litellm_params: { model: "openai/gpt-5", api_key: "os.environ/KEY_ONE" } },
        { model_name: "a", litellm_params: { model: "openai/gpt-5", api_key: "os.environ/KEY_TWO" } },
        { model_name: "b", litellm_params: { model: "openai/gpt-5-mini", api_key: "os.environ/KEY_ONE" } },
        { model_name: "c", litellm_params: { model: "azure/gpt-4" } },
      ],
    });
    const providers = converted.config["providers"] as Record<string, unknown>;
    expect(Object.keys(providers)).toEqual(["openai", "openai-2"]);
    const models = converted.config["models"] as Record<string, { deployments: unknown[] }>;
    expect(models["a"]?.deployments).toEqual([
      { target: "openai/gpt-5", weight: 1 },
      { target: "openai-2/gpt-5", weight: 1 },
    ]);
    expect(converted.warnings).toContain(
      'model_list.3: provider of "azure/gpt-4" is not supported by Switchboard; deployment skipped',
    );
  });
});
