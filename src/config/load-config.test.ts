import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { configFromObject, loadConfig } from "./load-config.js";

function workspace(files: Record<string, string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), "switchboard-config-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, ".."), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

const noDetection = {};

describe("loadConfig", () => {
  it("starts with defaults and no providers when nothing is configured", async () => {
    const cwd = workspace();
    const loaded = await loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection });
    expect(loaded.source).toBeUndefined();
    expect(loaded.config.server).toMatchObject({ host: "127.0.0.1", port: 4000, bodyLimitMb: 50 });
    expect(loaded.config.server.apiKey).toBeUndefined();
    expect(loaded.config.providers).toEqual({});
  });

  it("expands ${VAR} and ${VAR:-default}, and drops keys whose variable is unset", async () => {
    const cwd = workspace({
      "switchboard.yaml": [
        "server:",
        "  api_key: ${PROXY_API_KEY}",
        "  host: ${BIND:-0.0.0.0}",
        "providers:",
        "  oa:",
        "    type: openai",
        "    api_key: ${MY_OPENAI_KEY}",
        "    base_url: https://${OPENAI_HOST:-api.openai.com}/v1",
        "    headers: { x-literal: '$${NOT_EXPANDED}' }",
      ].join("\n"),
    });
    const loaded = await loadConfig({ cwd, env: { HOME: cwd, MY_OPENAI_KEY: "sk-test" }, providerTypes: noDetection });
    expect(loaded.config.server.apiKey).toBeUndefined();
    expect(loaded.config.server.host).toBe("0.0.0.0");
    expect(loaded.config.providers["oa"]).toEqual({
      type: "openai",
      api_key: "sk-test",
      base_url: "https://api.openai.com/v1",
      headers: { "x-literal": "${NOT_EXPANDED}" },
    });
  });

  it("reads .env from the working directory, and the real environment wins over it", async () => {
    const cwd = workspace({
      ".env": "PROXY_API_KEY=from-dotenv\nPORT=5001\n",
      "switchboard.yaml": "server:\n  port: 4500\n",
    });
    const loaded = await loadConfig({ cwd, env: { HOME: cwd, PORT: "6001" }, providerTypes: noDetection });
    expect(loaded.config.server.apiKey).toBe("from-dotenv");
    expect(loaded.config.server.port).toBe(6001);
  });

  it("applies flags > env > file > defaults", async () => {
    const cwd = workspace({
      "switchboard.yaml": "server:\n  host: file-host\n  port: 4500\n  timeouts: { first_byte_ms: 1000 }\n",
    });
    const fromFile = await loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection });
    expect(fromFile.config.server).toMatchObject({ host: "file-host", port: 4500 });
    const fromEnv = await loadConfig({
      cwd,
      env: { HOME: cwd, HOST: "env-host", PORT: "4600", REQUEST_TIMEOUT: "30", MAX_RETRIES: "2" },
      providerTypes: noDetection,
    });
    expect(fromEnv.config.server).toMatchObject({
      host: "env-host",
      port: 4600,
      timeouts: { firstByteMs: 30_000, idleMs: 30_000 },
    });
    expect(fromEnv.config.router.retries).toBe(2);
    const fromFlags = await loadConfig({
      cwd,
      env: { HOME: cwd, HOST: "env-host", PORT: "4600" },
      flags: { host: "flag-host", port: 0 },
      providerTypes: noDetection,
    });
    expect(fromFlags.config.server).toMatchObject({ host: "flag-host", port: 0 });
  });

  it("finds --config first, then ./switchboard.yaml, then the user's config dir", async () => {
    const cwd = workspace({
      "xdg/switchboard/config.yaml": "server: { port: 4001 }\n",
      "custom.yaml": "server: { port: 4002 }\n",
    });
    const env = { HOME: cwd, XDG_CONFIG_HOME: join(cwd, "xdg") };
    expect((await loadConfig({ cwd, env, providerTypes: noDetection })).config.server.port).toBe(4001);
    writeFileSync(join(cwd, "switchboard.yaml"), "server: { port: 4003 }\n");
    expect((await loadConfig({ cwd, env, providerTypes: noDetection })).config.server.port).toBe(4003);
    expect(
      (await loadConfig({ cwd, env, flags: { config: "custom.yaml" }, providerTypes: noDetection })).config.server.port,
    ).toBe(4002);
    await expect(loadConfig({ cwd, env, flags: { config: "missing.yaml" } })).rejects.toThrow(
      /Config file not found: .*missing\.yaml/,
    );
  });

  it("stops with a message naming the key path and what was expected", async () => {
    const cwd = workspace({
      "switchboard.yaml":
        "server:\n  port: '4000'\n  colour: blue\nproviders:\n  x:\n    type: 42\nmodels:\n  fast: []\n",
    });
    const failure = loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain("switchboard.yaml");
    expect(message).toMatch(/server\.port: .*expected number/);
    expect(message).toContain(
      "  - server.colour: unknown key; expected one of host, port, api_key, master_key_limits, admin_key, body_limit_mb, responses_websocket, log_level, timeouts",
    );
    expect(message).toMatch(/providers\.x\.type: .*expected string/);
    expect(message).toMatch(/models\.fast/);
  });

  it("names an unknown key with the key it was probably meant to be", async () => {
    const cwd = workspace({ "switchboard.yaml": "servr:\n  prot: 4000\nserver:\n  prot: 4000\n" });
    const message = await loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection }).catch(
      (error: Error) => error.message,
    );
    expect(message).toBe(
      [
        `Invalid configuration in ${join(cwd, "switchboard.yaml")}:`,
        "  - server.prot: unknown key; did you mean port?",
        "  - servr: unknown key; did you mean server?",
      ].join("\n"),
    );
  });

  it("says what is wrong with a route: an unknown key with its near miss, or the forms a route takes", async () => {
    const cwd = workspace({
      "switchboard.yaml": [
        "providers:",
        "  local: { type: openai-compatible, base_url: http://127.0.0.1:1/v1 }",
        "models:",
        "  fast: { deployment: [local/gpt-test] }",
        "  slow: 42",
      ].join("\n"),
    });
    const message = await loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection }).catch(
      (error: Error) => error.message,
    );
    expect(message).toBe(
      [
        `Invalid configuration in ${join(cwd, "switchboard.yaml")}:`,
        "  - models.fast.deployment: unknown key; did you mean deployments?",
        '  - models.slow: expected a "provider/model" string, a list of them (an ordered chain), or an object with deployments (and fallbacks, strategy, retries, …)',
      ].join("\n"),
    );
  });

  it("refuses a route target whose provider id is a near miss of a configured one, and keeps a model id with a slash", async () => {
    const file = (target: string) =>
      [
        "providers:",
        "  local: { type: openai-compatible, base_url: http://127.0.0.1:1/v1 }",
        "models:",
        `  fast: { deployments: [local/gpt-test], fallbacks: [${target}] }`,
      ].join("\n");
    const cwd = workspace({ "switchboard.yaml": file("locl/gpt-test") });
    const message = await loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection }).catch(
      (error: Error) => error.message,
    );
    expect(message).toBe(
      `Invalid configuration in ${join(cwd, "switchboard.yaml")}:\n` +
        '  - models.fast: no provider is named "locl"; did you mean local/gpt-test?',
    );
    writeFileSync(join(cwd, "switchboard.yaml"), file("meta-llama/Llama-3-8B"));
    const loaded = await loadConfig({ cwd, env: { HOME: cwd }, providerTypes: noDetection });
    expect(loaded.config.routes["fast"]?.fallbacks).toEqual(["meta-llama/Llama-3-8B"]);
  });

  it("names a malformed environment variable", async () => {
    const cwd = workspace();
    await expect(loadConfig({ cwd, env: { HOME: cwd, PORT: "eighty" }, providerTypes: noDetection })).rejects.toThrow(
      /PORT="eighty"/,
    );
  });

  it("with no providers configured, asks each provider type's detect and reads OPENAI_API_KEY / ANTHROPIC_API_KEY", async () => {
    const cwd = workspace();
    const seen: string[] = [];
    const loaded = await loadConfig({
      cwd,
      env: { HOME: cwd, ANTHROPIC_API_KEY: "sk-ant", GH_TOKEN: "ghu_x" },
      providerTypes: {
        "github-copilot": {
          defaultId: "copilot",
          detect: async (env, configDir) => {
            seen.push(configDir);
            return env["GH_TOKEN"] === undefined ? undefined : { github_token: env["GH_TOKEN"] };
          },
        },
        "gitlab-duo": { detect: async () => undefined },
      },
    });
    expect(seen).toEqual([join(cwd, ".config", "switchboard")]);
    expect(loaded.config.providers).toEqual({
      copilot: { type: "github-copilot", github_token: "ghu_x" },
      anthropic: { type: "anthropic", api_key: "sk-ant" },
    });
    expect(loaded.implicitProviders).toEqual(["copilot", "anthropic"]);
  });

  it("configFromObject accepts the file's shape and normalises model targets to lists", () => {
    const config = configFromObject({
      models: { sonnet: "anthropic/claude-sonnet-4-5", fast: ["openai/gpt-5-mini", "local/qwen3"] },
    });
    expect(config.models).toEqual({
      sonnet: ["anthropic/claude-sonnet-4-5"],
      fast: ["openai/gpt-5-mini", "local/qwen3"],
    });
  });

  it("normalises every route form and fills the router block from the file, then MAX_RETRIES", () => {
    const config = configFromObject(
      {
        router: { deadline_s: 90, allowed_fails: 2, additional_drop_params: ["user"] },
        models: {
          one: "a/x",
          chain: ["a/x", "b/y"],
          full: { deployments: [{ target: "a/x", weight: 2 }, "b/y"], fallbacks: ["chain"], retries: 3 },
        },
      },
      { env: { MAX_RETRIES: "2" } },
    );
    expect(config.routes["one"]).toEqual({
      deployments: [{ target: "a/x", weight: 1, dropParams: [] }],
      fallbacks: [],
      dropParams: [],
    });
    expect(config.routes["chain"]).toMatchObject({ deployments: [{ target: "a/x" }], fallbacks: ["b/y"] });
    expect(config.routes["full"]).toMatchObject({
      deployments: [
        { target: "a/x", weight: 2 },
        { target: "b/y", weight: 1 },
      ],
      fallbacks: ["chain"],
      retries: 3,
    });
    expect(config.models["full"]).toEqual(["a/x", "b/y", "chain"]);
    expect(config.router).toMatchObject({
      retries: 2,
      deadlineS: 90,
      allowedFails: 2,
      cooldownS: 30,
      dropParams: true,
      additionalDropParams: ["user"],
    });
  });

  it("refuses an unknown error class or strategy, naming the key", () => {
    expect(() => configFromObject({ models: { x: { deployments: ["a/b"], fallback_on: ["sometimes"] } } })).toThrow(
      /models\.x/,
    );
    expect(() => configFromObject({ router: { strategy: "random" } })).toThrow(/router\.strategy/);
  });

  it("reads a LiteLLM proxy config as is, and lists what it does not support", async () => {
    const cwd = workspace({
      "litellm_config.yaml": [
        "model_list:",
        "  - model_name: gpt-4o",
        "    litellm_params: { model: openai/gpt-4o, api_key: os.environ/MY_KEY }",
        "router_settings: { num_retries: 2, redis_host: localhost }",
        "general_settings: { master_key: sk-master }",
      ].join("\n"),
    });
    const loaded = await loadConfig({
      cwd,
      env: { HOME: cwd, MY_KEY: "sk-1" },
      flags: { config: "litellm_config.yaml" },
      providerTypes: noDetection,
    });
    expect(loaded.format).toBe("litellm");
    expect(loaded.warnings).toEqual([]);
    // LiteLLM's Redis settings become the coordination Redis of several replicas.
    expect(loaded.config.teams?.redis?.url).toBe("redis://localhost:6379");
    expect(loaded.config.providers["openai"]).toEqual({ type: "openai", api_key: "sk-1" });
    expect(loaded.config.routes["gpt-4o"]?.deployments).toEqual([
      { target: "openai/gpt-4o", weight: 1, dropParams: [] },
    ]);
    expect(loaded.config.router.retries).toBe(2);
    expect(loaded.config.server.apiKey).toBe("sk-master");
  });
});
