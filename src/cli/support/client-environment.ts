import { codexKeyVariable, codexProviderId } from "../../setup/codex-config.js";

/** The variables that point Claude Code, Codex and the SDKs at the gateway. */
export function clientVariables(url: string, apiKey: string): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: url,
    // A bearer token: interactive Claude Code asks the user to approve an ANTHROPIC_API_KEY, never this.
    ANTHROPIC_AUTH_TOKEN: apiKey,
    OPENAI_BASE_URL: `${url}/v1`,
    OPENAI_API_KEY: apiKey,
    [codexKeyVariable]: apiKey,
  };
}

/**
 * Codex's `-c` overrides for a provider table pointing here: the reliable way, since Codex's
 * WebSocket path ignores OPENAI_BASE_URL.
 */
export function codexOverrides(url: string): string[] {
  const table = `{ name = "Switchboard", base_url = ${JSON.stringify(`${url}/v1`)}, env_key = "${codexKeyVariable}", wire_api = "responses" }`;
  return ["-c", `model_providers.${codexProviderId}=${table}`, "-c", `model_provider="${codexProviderId}"`];
}

/** A value quoted for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
