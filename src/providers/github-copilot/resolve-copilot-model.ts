import { newestOfClaudeFamily } from "../claude-family.js";
import type { ModelInfo } from "../provider.js";

const clientPrefixes = ["github_copilot/", "github-copilot/", "github/", "copilot/", "copilot-"];

/**
 * A name reduced to what identifies the model: lower case, without vendor prefixes, Claude
 * Code's `[1m]` marker, release dates (`-20250929`, `-2025-09-29`) or `-latest`, and with
 * version dashes as dots (`claude-opus-4-8` → `claude-opus-4.8`, `gpt-5-1` → `gpt-5.1`).
 */
export function modelNameKey(name: string, providerId?: string): string {
  let key = name.trim().toLowerCase();
  if (providerId !== undefined && key.startsWith(`${providerId.toLowerCase()}/`))
    key = key.slice(providerId.length + 1);
  for (const prefix of clientPrefixes) {
    if (key.startsWith(prefix)) {
      key = key.slice(prefix.length);
      break;
    }
  }
  key = key.replace(/\[[^\]]*\]$/, "");
  key = key.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "").replace(/-latest$/, "");
  // Only a single digit after the dash is a minor version; `-0613`-style suffixes are not.
  key = key.replace(/(\d)-(\d)(?=$|-)/g, "$1.$2");
  return key;
}

/**
 * Finds the offered model a client's name means: exact id or alias first, then by key, then
 * (for Claude names) the newest model of the same family, preferring one the account has enabled.
 */
export function resolveCopilotModel(models: ModelInfo[], name: string, providerId?: string): ModelInfo | undefined {
  const lower = name.trim().toLowerCase();
  const exact = models.find(
    (model) => model.id.toLowerCase() === lower || model.aliases?.some((alias) => alias.toLowerCase() === lower),
  );
  if (exact !== undefined) return exact;
  const key = modelNameKey(name, providerId);
  const byKey = models.find((model) => modelNameKey(model.id) === key);
  if (byKey !== undefined) return byKey;
  // A stand-in the account has enabled first: one it has not would answer 403 to a name it never asked for.
  const enabled = models.filter((model) => model.notEnabled === undefined);
  return (
    newestOfClaudeFamily(key, enabled, (model) => model.id) ?? newestOfClaudeFamily(key, models, (model) => model.id)
  );
}
