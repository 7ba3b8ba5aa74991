import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@decimalturn/toml-patch";
import { clientKeyPath } from "../../setup/client-key-file.js";
import { claudeSettingsPath, codexHome } from "../../setup/client-paths.js";
import { codexKeyVariable } from "../../setup/codex-config.js";
import { findClaudeConflicts } from "../../setup/find-claude-conflicts.js";
import type { GatewayTarget } from "../support/gateway-target.js";
import { fail, note, pass, type CheckResult } from "./check-result.js";

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function sameUrl(left: unknown, right: string): boolean {
  return typeof left === "string" && left.replace(/\/+$/, "") === right;
}

/** A key the gateway would refuse (any key passes when the gateway has none). */
function wrongKey(target: GatewayTarget, key: unknown): boolean {
  return target.keyRequired && key !== target.apiKey;
}

/** Claude Code's user settings: pointing here with the gateway's key; then what overrides them. */
export function checkClaudeCode(target: GatewayTarget, env: NodeJS.ProcessEnv, cwd: string): CheckResult[] {
  const name = "Claude Code";
  const path = claudeSettingsPath({ env });
  const text = readOrUndefined(path);
  const results: CheckResult[] = [];
  let settingsEnv: Record<string, unknown> = {};
  let keyHelper: unknown;
  try {
    const settings = JSON.parse(text ?? "{}") as { env?: Record<string, unknown>; apiKeyHelper?: unknown };
    settingsEnv = settings.env ?? {};
    keyHelper = settings.apiKeyHelper;
  } catch (error) {
    return [
      fail(
        name,
        `${path} is not valid JSON (${(error as Error).message})`,
        "fix the file, then `switchboard setup claude-code`",
      ),
    ];
  }
  const baseUrl = settingsEnv["ANTHROPIC_BASE_URL"];
  if (baseUrl === undefined) {
    results.push(
      note(
        name,
        `${path} does not point at a gateway (\`switchboard setup claude-code\`, or use \`switchboard claude\`)`,
      ),
    );
  } else if (!sameUrl(baseUrl, target.url)) {
    results.push(
      fail(name, `${path} points at ${String(baseUrl)}, not ${target.url}`, "run `switchboard setup claude-code`"),
    );
  } else {
    // Setup's own helper (`… key print`) prints the saved key file; another helper is not run here.
    const helperKey =
      typeof keyHelper === "string" && keyHelper.endsWith(" key print")
        ? readOrUndefined(clientKeyPath(env))?.trim()
        : undefined;
    const key = settingsEnv["ANTHROPIC_API_KEY"] ?? settingsEnv["ANTHROPIC_AUTH_TOKEN"] ?? helperKey;
    if (wrongKey(target, key))
      results.push(
        fail(
          name,
          `${path} points here but its key is not the gateway's (server.api_key)`,
          "run `switchboard setup claude-code`",
        ),
      );
    else results.push(pass(name, `${path} points here with a working key`));
  }
  for (const conflict of findClaudeConflicts({ env, cwd, gatewayUrl: target.url }))
    results.push(fail(`Claude Code override`, `${conflict.where} ${conflict.problem}`, conflict.fix));
  return results;
}

/** Codex's config.toml: Switchboard's provider table (or the built-in provider) pointing here, and its key. */
export function checkCodex(target: GatewayTarget, env: NodeJS.ProcessEnv): CheckResult {
  const name = "Codex";
  const home = codexHome(env);
  const path = join(home, "config.toml");
  let config: Record<string, unknown>;
  try {
    config = parse(readOrUndefined(path) ?? "") as Record<string, unknown>;
  } catch (error) {
    return fail(
      name,
      `${path} is not valid TOML (${(error as Error).message.split("\n").at(-1)})`,
      "fix the file, then `switchboard setup codex`",
    );
  }
  const apiUrl = `${target.url}/v1`;
  const providerId = typeof config["model_provider"] === "string" ? config["model_provider"] : undefined;
  const providers = (config["model_providers"] ?? {}) as Record<string, Record<string, unknown>>;
  const table = providerId === undefined ? undefined : providers[providerId];
  if (table !== undefined) {
    if (!sameUrl(table["base_url"], apiUrl))
      return fail(
        name,
        `${path}: provider ${providerId} points at ${String(table["base_url"])}`,
        "run `switchboard setup codex`",
      );
    const variable = typeof table["env_key"] === "string" ? table["env_key"] : codexKeyVariable;
    if (env[variable] === undefined)
      return fail(
        name,
        `${path} points here; ${variable} is not set in this shell`,
        `export ${variable}=<server.api_key> (see \`switchboard env\`)`,
      );
    if (wrongKey(target, env[variable]))
      return fail(
        name,
        `${path} points here but ${variable} is not the gateway's key`,
        `export ${variable}=<server.api_key>`,
      );
    return pass(name, `${path} points here (provider ${providerId}) with a working key`);
  }
  if (sameUrl(config["openai_base_url"], apiUrl)) {
    const authPath = join(home, "auth.json");
    const auth = readOrUndefined(authPath);
    let key: unknown;
    try {
      key = auth === undefined ? undefined : (JSON.parse(auth) as { OPENAI_API_KEY?: unknown } | null)?.OPENAI_API_KEY;
    } catch (error) {
      return fail(
        name,
        `${authPath} is not valid JSON (${(error as Error).message})`,
        "fix the file, or run `switchboard setup codex --builtin`",
      );
    }
    if (wrongKey(target, key))
      return fail(
        name,
        `${path} points here but auth.json's key is not the gateway's`,
        "run `switchboard setup codex --builtin`",
      );
    return pass(name, `${path} points here (built-in provider) with a working key`);
  }
  return note(name, `${path} does not point here (\`switchboard setup codex\`, or use \`switchboard codex\`)`);
}
