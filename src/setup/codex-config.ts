import { parse, patch, stringify, TomlFormat } from "@decimalturn/toml-patch";
import { SetupError } from "./setup-error.js";

export interface CodexConfigValues {
  /** The gateway's base URL, without `/v1`. */
  baseUrl: string;
  /** The model Codex asks for; undefined keeps the file's. */
  model?: string;
  /** Codex's built-in OpenAI provider (`openai_base_url`) instead of a provider table. */
  builtin: boolean;
}

/** The provider id Switchboard's table is written under, and the variable Codex reads the key from. */
export const codexProviderId = "switchboard";
export const codexKeyVariable = "SWITCHBOARD_API_KEY";

/** Parses config.toml; one that does not parse stops setup with the file and line, unchanged. */
export function parseCodexConfig(text: string | undefined, path: string): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /\((\d+), \d+\)/.exec(message)?.[1];
    const reason = message.split("\n").at(-1) ?? message;
    throw new SetupError(
      `${path}${line === undefined ? "" : `:${line}`}: not valid TOML (${reason}). Fix or move the file; nothing was changed.`,
    );
  }
}

/**
 * config.toml with Switchboard's settings and everything else kept, comments included (the
 * edits go through toml-patch, which rewrites only the values it changes). A new provider table
 * is appended as its own `[model_providers.switchboard]` section rather than patched in, which
 * would make it an inline table under whatever `[model_providers]` entries exist.
 */
export function updateCodexConfig(text: string | undefined, path: string, values: CodexConfigValues): string {
  const existing = text ?? "";
  const parsed = parseCodexConfig(text, path);
  const format = TomlFormat.autoDetectFormat(existing === "" ? "a = 1\n" : existing);
  const root = { ...parsed };
  const apiUrl = `${values.baseUrl.replace(/\/+$/, "")}/v1`;
  if (values.model !== undefined) root["model"] = values.model;
  const providers = (parsed["model_providers"] ?? {}) as Record<string, Record<string, unknown>>;
  const table = { name: "Switchboard", base_url: apiUrl, env_key: codexKeyVariable, wire_api: "responses" };
  if (values.builtin) {
    root["openai_base_url"] = apiUrl;
    if (root["model_provider"] === codexProviderId) delete root["model_provider"];
  } else {
    root["model_provider"] = codexProviderId;
    if (providers[codexProviderId] !== undefined) {
      root["model_providers"] = { ...providers, [codexProviderId]: { ...providers[codexProviderId], ...table } };
    }
  }
  // Keys the file already has are patched in place; new ones go after its last top-level key, so
  // that they do not land under a comment that describes the table after them.
  const added = Object.keys(root).filter((name) => !(name in parsed));
  const patchedRoot = Object.fromEntries(Object.entries(root).filter(([name]) => !added.includes(name)));
  let updated = sameDocument(parsed, patchedRoot) ? existing : patch(existing, patchedRoot, format);
  if (added.length > 0)
    updated = insertRootKeys(updated, stringify(Object.fromEntries(added.map((name) => [name, root[name]]))));
  if (!values.builtin && providers[codexProviderId] === undefined) {
    const separator = updated === "" || updated.endsWith("\n\n") ? "" : updated.endsWith("\n") ? "\n" : "\n\n";
    updated = `${updated}${separator}[model_providers.${codexProviderId}]\n${stringify(table)}`;
  }
  // What is written must read back as what was meant: a last check before anything touches the disk.
  parseCodexConfig(updated, `${path} (as it would be written)`);
  return updated;
}

/** Inserts `lines` (key = value lines) after the last top-level key, before the first table header. */
function insertRootKeys(text: string, lines: string): string {
  const rows = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const firstHeader = rows.findIndex((row) => /^\s*\[/.test(row));
  const rootEnd = firstHeader === -1 ? rows.length : firstHeader;
  let insertAt = 0;
  for (let index = 0; index < rootEnd; index++) if (/^\s*[^#\s]/.test(rows[index] ?? "")) insertAt = index + 1;
  const block = lines.replace(/\n$/, "").split("\n");
  const separator = insertAt === 0 && rows.length > 0 && firstHeader === 0 ? [""] : [];
  return `${[...rows.slice(0, insertAt), ...block, ...separator, ...rows.slice(insertAt)].join("\n")}\n`;
}

function sameDocument(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** `auth.json` as `codex login --with-api-key` writes it (checked with Codex 0.169.0). */
export function codexAuthJson(apiKey: string): string {
  return `${JSON.stringify({ auth_mode: "apikey", OPENAI_API_KEY: apiKey }, null, 2)}\n`;
}
