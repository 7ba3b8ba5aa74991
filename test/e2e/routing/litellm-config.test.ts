import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { createLogger } from "../../../src/lib/logger.js";
import { startServer } from "../../../src/server/node.js";
import { faults, startFakeUpstream } from "../../fake-upstream/index.js";

/**
 * Shaped after LiteLLM's documented proxy config: OpenAI and Anthropic models through `api_base`
 * with `os.environ/` keys, a `"*"` catch-all with a fallback chain, router and litellm settings,
 * and a master key. Only the base URLs point at the fakes.
 */
function litellmYaml(openaiBase: string, anthropicBase: string): string {
  return `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_base: ${openaiBase}/v1
      api_key: os.environ/OPENAI_API_KEY
  - model_name: claude-sonnet
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_base: ${anthropicBase}
      api_key: os.environ/ANTHROPIC_API_KEY
  - model_name: "*"
    litellm_params:
      model: anthropic/*
      api_base: ${anthropicBase}
      api_key: os.environ/ANTHROPIC_API_KEY
router_settings:
  num_retries: 0
  timeout: 60
  fallbacks: [{"*": ["gpt-4o"]}]
  redis_host: localhost
litellm_settings:
  drop_params: true
  success_callback: ["langfuse"]
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
`;
}

describe("a LiteLLM proxy config loads as is and routes", () => {
  it("OpenAI and Anthropic deployments by api_base and os.environ keys; the catch-all falls back", async () => {
    const openai = await startFakeUpstream({ apiKey: "sk-openai", models: ["gpt-4o"] });
    const anthropic = await startFakeUpstream({
      apiKey: "sk-ant",
      models: ["claude-sonnet-4-5"],
      // Any model the catch-all sends here is overloaded, so the chain goes on to gpt-4o.
      script: (call) =>
        (call.body as { model?: string }).model === "claude-sonnet-4-5" ? { text: "anthropic" } : faults.overloaded(),
    });
    const directory = await mkdtemp(join(tmpdir(), "switchboard-litellm-"));
    const file = join(directory, "litellm_config.yaml");
    await writeFile(file, litellmYaml(openai.url, anthropic.url));
    const loaded = await loadConfig({
      cwd: directory,
      flags: { config: file, port: 0 },
      env: {
        HOME: directory,
        OPENAI_API_KEY: "sk-openai",
        ANTHROPIC_API_KEY: "sk-ant",
        LITELLM_MASTER_KEY: "sk-master",
      },
    });
    expect(loaded.format).toBe("litellm");
    expect(loaded.warnings).toEqual(
      expect.arrayContaining(["litellm_settings.success_callback: not supported; ignored"]),
    );
    const server = await startServer({
      config: loaded.config,
      env: loaded.env,
      configDir: loaded.configDir,
      logger: createLogger({ level: "silent" }),
      usageSink: { record: () => undefined },
    });
    const post = (path: string, body: unknown, key = "sk-master") =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
        body: JSON.stringify(body),
      });
    try {
      const chat = await post("/v1/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] });
      expect(chat.status).toBe(200);
      expect(chat.headers.get("x-switchboard-provider")).toBe("openai");
      expect(openai.calls.at(-1)?.headers["authorization"]).toBe("Bearer sk-openai");

      const message = { max_tokens: 32, messages: [{ role: "user", content: "Hi" }] };
      const sonnet = await post("/v1/messages", { model: "claude-sonnet", ...message });
      expect(sonnet.status).toBe(200);
      expect(sonnet.headers.get("x-switchboard-provider")).toBe("anthropic");
      expect(anthropic.calls.at(-1)?.headers["x-api-key"]).toBe("sk-ant");

      // Claude Code's own model name: the "*" route sends it to anthropic/* as asked, then falls back.
      const other = await post("/v1/messages", { model: "claude-opus-4-8", ...message });
      expect(other.status).toBe(200);
      expect(other.headers.get("x-switchboard-route")).toBe("*");
      expect(other.headers.get("x-switchboard-attempted")).toBe(
        "anthropic/claude-opus-4-8=upstream_overloaded(529), openai/gpt-4o=ok",
      );

      // general_settings.master_key is the client key.
      expect((await post("/v1/messages", { model: "claude-sonnet", ...message }, "wrong")).status).toBe(401);
    } finally {
      await server.close();
      await openai.close();
      await anthropic.close();
    }
  });
});
