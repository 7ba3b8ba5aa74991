import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanEnvironment, runProcess, type ProcessResult } from "./run-process.js";

export const codexBinary = resolve("node_modules/.bin/codex");

/**
 * The two ways users point Codex at a gateway (real-clients.md): a custom `model_providers`
 * entry with `wire_api = "responses"`, or the built-in OpenAI provider after
 * `codex login --with-api-key` with `openai_base_url` (which first tries a WebSocket).
 */
export type CodexSetup = "custom-provider" | "builtin-provider";

export async function runCodex(options: {
  baseUrl: string;
  apiKey: string;
  prompt: string;
  cwd: string;
  model: string;
  setup: CodexSetup;
  /** Lines appended to config.toml (e.g. an `[mcp_servers.…]` table). */
  extraConfig?: string[];
  /** Variables added to Codex's environment. */
  extraEnv?: Record<string, string>;
}): Promise<ProcessResult & { login?: ProcessResult }> {
  const codexHome = await mkdtemp(join(tmpdir(), "switchboard-codex-home-"));
  const home = await mkdtemp(join(tmpdir(), "switchboard-codex-user-"));
  const env = cleanEnvironment({ HOME: home, CODEX_HOME: codexHome, GW_KEY: options.apiKey, ...options.extraEnv });
  let login: ProcessResult | undefined;
  if (options.setup === "custom-provider") {
    await writeFile(
      join(codexHome, "config.toml"),
      [
        `model = ${JSON.stringify(options.model)}`,
        `model_provider = "gw"`,
        `[model_providers.gw]`,
        `name = "gateway"`,
        `base_url = ${JSON.stringify(`${options.baseUrl}/v1`)}`,
        `env_key = "GW_KEY"`,
        `wire_api = "responses"`,
        ...(options.extraConfig ?? []),
        "",
      ].join("\n"),
    );
  } else {
    await writeFile(
      join(codexHome, "config.toml"),
      [
        `model = ${JSON.stringify(options.model)}`,
        `openai_base_url = ${JSON.stringify(`${options.baseUrl}/v1`)}`,
        "",
      ].join("\n"),
    );
    login = await runProcess({
      command: codexBinary,
      args: ["login", "--with-api-key"],
      cwd: options.cwd,
      env,
      input: `${options.apiKey}\n`,
      killAfterMs: 30_000,
    });
  }
  const outcome = await runProcess({
    command: codexBinary,
    args: ["exec", "--skip-git-repo-check", "-s", "danger-full-access", options.prompt],
    cwd: options.cwd,
    env,
  });
  return login === undefined ? outcome : { ...outcome, login };
}
