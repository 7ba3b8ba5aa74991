import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../config/config-error.js";
import { configFromObject, loadConfig } from "../config/load-config.js";
import { createSilentLogger } from "../lib/logger.js";
import type { ProviderType } from "../providers/registry.js";
import { createProviders } from "./create-providers.js";
import { fakeProvider } from "./testing/fake-provider.js";

const strictType: ProviderType = {
  create: (id, config) => {
    z.object({ base_url: z.url() }).parse(config);
    return fakeProvider({ id, models: [] });
  },
};

function build(providers: Record<string, unknown>) {
  return createProviders({
    config: configFromObject({ providers }),
    env: {},
    configDir: "/nowhere",
    logger: createSilentLogger(),
    providerTypes: { strict: strictType },
  });
}

describe("createProviders", () => {
  it("builds each configured provider through its registered type", () => {
    expect([...build({ one: { type: "strict", base_url: "http://127.0.0.1:1/v1" } }).keys()]).toEqual(["one"]);
  });

  it("names the key path of an unknown type and lists the known ones", () => {
    expect(() => build({ one: { type: "bedrock" } })).toThrow(ConfigError);
    expect(() => build({ one: { type: "bedrock" } })).toThrow(
      /providers\.one\.type: unknown provider type "bedrock"; expected one of "strict"/,
    );
  });

  it("names the key path when the provider's own schema rejects its entry", () => {
    expect(() => build({ one: { type: "strict", base_url: 42 } })).toThrow(/providers\.one\.base_url: /);
  });
});

describe("createProviders with the registered provider types", () => {
  const source = "/home/me/switchboard.yaml";

  function buildReal(providers: Record<string, unknown>) {
    return createProviders({
      config: configFromObject({ providers }),
      env: {},
      configDir: "/nowhere",
      logger: createSilentLogger(),
      source,
    });
  }

  function messageOf(providers: Record<string, unknown>): string {
    try {
      buildReal(providers);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected the providers to be refused");
  }

  it("refuses a misspelt key in every provider type, naming its path, the key meant and the file", () => {
    // A dropped `base_url` would send the corporate key to the type's default host, api.openai.com.
    expect(
      messageOf({
        corp: { type: "openai", baseurl: "http://corp.example/v1", api_key: "sk-corp-secret" },
        claude: { type: "anthropic", apikey: "sk-ant" },
        local: { type: "ollama", modles: ["qwen3"] },
        copilot: { type: "github-copilot", githuburl: "https://github.example.com" },
        duo: { type: "gitlab-duo", token: "glpat-x", instance_ur: "https://gitlab.example.com" },
      }),
    ).toBe(
      [
        `Invalid configuration in ${source}:`,
        "  - providers.corp.baseurl: unknown key; did you mean base_url?",
        "  - providers.claude.apikey: unknown key; did you mean api_key?",
        "  - providers.local.modles: unknown key; did you mean models?",
        "  - providers.copilot.githuburl: unknown key; did you mean github_url?",
        "  - providers.duo.instance_ur: unknown key; did you mean instance_url?",
      ].join("\n"),
    );
  });

  it("lists the keys a provider takes when an unknown one is no near miss", () => {
    expect(messageOf({ copilot: { type: "github-copilot", colour: "blue" } })).toBe(
      `Invalid configuration in ${source}:\n` +
        "  - providers.copilot.colour: unknown key; expected one of type, token, github_url, github_api_url, base_url, background_model, default_model, max_concurrency, min_request_interval_ms, max_queue_wait_s",
    );
  });

  it("names the file and the type meant for an unknown provider type", () => {
    expect(messageOf({ local: { type: "openai-compatibel", base_url: "http://127.0.0.1:1/v1" } })).toBe(
      `Invalid configuration in ${source}:\n` +
        '  - providers.local.type: unknown provider type "openai-compatibel"; did you mean "openai-compatible"?',
    );
  });

  it("builds the documented keys of each type", async () => {
    const providers = buildReal({
      corp: {
        type: "openai",
        base_url: "http://corp.example/v1",
        api_key_env: "CORP_KEY",
        api_key: "sk-corp",
        headers: { "x-team": "a" },
        models: [{ id: "gpt-x", aliases: ["x"], context_window: 1000 }],
        aliases: { fast: "gpt-x" },
        timeouts: { connect_ms: 1000 },
      },
      local: { type: "openai-compatible", preset: "vllm", apis: ["openai-chat"] },
      copilot: { type: "github-copilot", github_url: "https://github.example.com", max_concurrency: 2 },
      duo: { type: "gitlab-duo", token: "glpat-x", feature_flags: { DuoAgentPlatformNext: true } },
    });
    expect([...providers.keys()]).toEqual(["corp", "local", "copilot", "duo"]);
    await Promise.all([...providers.values()].map((provider) => provider.close()));
  });

  it("still builds a LiteLLM config whose litellm_params hold keys Switchboard does not use", async () => {
    // LiteLLM files are written for LiteLLM: what Switchboard does not use is a warning, not a refusal.
    const cwd = mkdtempSync(join(tmpdir(), "switchboard-litellm-"));
    writeFileSync(
      join(cwd, "config.yaml"),
      [
        "model_list:",
        "  - model_name: gpt-4o",
        "    litellm_params: { model: openai/gpt-4o, api_key: sk-1, max_tokens: 100, extra_headers: { x-a: b } }",
        "  - model_name: copilot",
        "    litellm_params: { model: github_copilot/gpt-4.1, api_key: unused, drop_params: true }",
        "  - model_name: local",
        "    litellm_params: { model: ollama_chat/qwen3, api_base: http://localhost:11434, keep_alive: 5m }",
      ].join("\n"),
    );
    const loaded = await loadConfig({ cwd, env: { HOME: cwd }, flags: { config: "config.yaml" }, providerTypes: {} });
    expect(loaded.warnings).toEqual([
      "model_list.0.litellm_params.max_tokens: not supported; ignored",
      "model_list.1.litellm_params.drop_params: not supported; ignored",
      "model_list.1.litellm_params.api_key: not used for github_copilot; ignored",
      "model_list.2.litellm_params.keep_alive: not supported; ignored",
    ]);
    const providers = createProviders({
      config: loaded.config,
      env: loaded.env,
      configDir: cwd,
      logger: createSilentLogger(),
      source: loaded.source,
    });
    expect([...providers.keys()]).toEqual(["openai", "github_copilot", "ollama_chat"]);
    await Promise.all([...providers.values()].map((provider) => provider.close()));
  });
});
