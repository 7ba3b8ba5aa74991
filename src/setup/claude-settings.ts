import { formatJson, parseJsonObject } from "./parse-json-object.js";

/** The models Claude Code's tiers ask for; each unset one is left as the file has it. */
export interface TierModels {
  opus?: string;
  sonnet?: string;
  haiku?: string;
  subagent?: string;
}

export interface ClaudeSettingsValues {
  /** The gateway's base URL, without `/v1`. */
  baseUrl: string;
  apiKey: string;
  tiers: TierModels;
  /** Claude Code's `apiKeyHelper` command; when set, the file holds no key. */
  keyHelper?: string;
}

/** Ends every `apiKeyHelper` setup writes: how a later plain setup knows the helper is its own. */
const ownHelperSuffix = " key print";

/** Claude Code's environment variable for each tier. */
export const tierVariables: Record<keyof TierModels, string> = {
  opus: "ANTHROPIC_DEFAULT_OPUS_MODEL",
  sonnet: "ANTHROPIC_DEFAULT_SONNET_MODEL",
  haiku: "ANTHROPIC_DEFAULT_HAIKU_MODEL",
  subagent: "CLAUDE_CODE_SUBAGENT_MODEL",
};

/**
 * The settings file with Switchboard's `env` entries set and everything else kept in place.
 * The key goes in as `ANTHROPIC_AUTH_TOKEN` (sent as a bearer token, which Claude Code never
 * asks the user to approve); an `ANTHROPIC_API_KEY` already in the block would be sent as
 * `x-api-key` and win, so it gets the same key rather than being removed behind the user's back.
 * With `keyHelper` the key stays out of the file: `apiKeyHelper` runs a command that prints it.
 */
export function updateClaudeSettings(text: string | undefined, path: string, values: ClaudeSettingsValues): string {
  const settings = parseJsonObject(text, path);
  const existingEnv = settings["env"];
  const env: Record<string, unknown> =
    typeof existingEnv === "object" && existingEnv !== null && !Array.isArray(existingEnv)
      ? { ...(existingEnv as Record<string, unknown>) }
      : {};
  env["ANTHROPIC_BASE_URL"] = values.baseUrl;
  const updated: Record<string, unknown> = { ...settings };
  if (values.keyHelper !== undefined) {
    // Claude Code prefers a key in the environment to the helper: one there would win.
    delete env["ANTHROPIC_AUTH_TOKEN"];
    delete env["ANTHROPIC_API_KEY"];
    updated["apiKeyHelper"] = values.keyHelper;
  } else {
    env["ANTHROPIC_AUTH_TOKEN"] = values.apiKey;
    if (env["ANTHROPIC_API_KEY"] !== undefined) env["ANTHROPIC_API_KEY"] = values.apiKey;
    const helper = updated["apiKeyHelper"];
    if (typeof helper === "string" && helper.endsWith(ownHelperSuffix)) delete updated["apiKeyHelper"];
  }
  for (const [tier, variable] of Object.entries(tierVariables) as Array<[keyof TierModels, string]>) {
    const model = values.tiers[tier];
    if (model !== undefined) env[variable] = model;
  }
  updated["env"] = env;
  // Nothing to change: hand back the original bytes, so that a second run writes nothing.
  const formatted = formatJson(updated);
  return text !== undefined && formatJson(parseJsonObject(text, path)) === formatted ? text : formatted;
}

/**
 * `~/.claude.json` with the key's last 20 characters approved, so that interactive Claude Code
 * given the key as `ANTHROPIC_API_KEY` (as `switchboard claude` does) does not stop to ask.
 */
export function approveClaudeKey(text: string | undefined, path: string, apiKey: string): string {
  const state = parseJsonObject(text, path);
  const suffix = apiKey.slice(-20);
  const responses = objectAt(state, "customApiKeyResponses");
  const approved = stringsAt(responses, "approved");
  const rejected = stringsAt(responses, "rejected");
  if (approved.includes(suffix) && !rejected.includes(suffix) && text !== undefined) return text;
  const updated = {
    ...state,
    customApiKeyResponses: {
      ...responses,
      approved: approved.includes(suffix) ? approved : [...approved, suffix],
      rejected: rejected.filter((entry) => entry !== suffix),
    },
  };
  return formatJson(updated);
}

/** `~/.claude.json` without the key's approval (what `--undo` does to Claude Code's own state file). */
export function withdrawClaudeKey(text: string | undefined, path: string, apiKey: string): string | undefined {
  if (text === undefined) return undefined;
  const state = parseJsonObject(text, path);
  const responses = objectAt(state, "customApiKeyResponses");
  const approved = stringsAt(responses, "approved");
  const suffix = apiKey.slice(-20);
  if (!approved.includes(suffix)) return text;
  const remaining = { ...responses, approved: approved.filter((entry) => entry !== suffix) };
  // A block holding nothing but the empty lists approveClaudeKey writes is setup's own: remove it whole.
  const onlyEmptyLists = Object.values(remaining).every((value) => Array.isArray(value) && value.length === 0);
  const { customApiKeyResponses: _withdrawn, ...others } = state;
  return formatJson(onlyEmptyLists ? others : { ...state, customApiKeyResponses: remaining });
}

function objectAt(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = parent[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringsAt(parent: Record<string, unknown>, key: string): string[] {
  const value = parent[key];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}
