import { newestOfClaudeFamily } from "../claude-family.js";
import type { ModelInfo } from "../provider.js";
import type { DuoModelEntry } from "./models.js";

/**
 * A spelling-insensitive key: clients write `gpt-5.2` or `gpt-5-2`, `claude-sonnet-4-5` or the
 * dated `claude-sonnet-4-5-20250929`, sometimes with a vendor prefix.
 */
export function normalizeModelName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^(anthropic|openai)\//, "")
    .replace(/\./g, "-")
    .replace(/-\d{8}$/, "")
    .replace(/-\d{4}-\d{2}-\d{2}$/, "")
    .replace(/^claude-/, "");
}

/**
 * Builds the lookup from every name a client may use (Duo name, alias, backend id) to its row.
 * Exact names win over normalized ones, and earlier rows over later ones, so a user's alias
 * never silently captures another model's exact name.
 */
export function createModelResolver(entries: readonly DuoModelEntry[]): (name: string) => DuoModelEntry | undefined {
  const exact = new Map<string, DuoModelEntry>();
  const normalized = new Map<string, DuoModelEntry>();
  for (const entry of entries) {
    for (const name of [entry.duoName, entry.backendModel, ...entry.aliases]) {
      const key = name.toLowerCase();
      if (!exact.has(key)) exact.set(key, entry);
    }
  }
  for (const entry of entries) {
    for (const name of [entry.duoName, entry.backendModel, ...entry.aliases]) {
      const key = normalizeModelName(name);
      if (!normalized.has(key)) normalized.set(key, entry);
    }
  }
  return (name) =>
    exact.get(name.trim().toLowerCase()) ??
    normalized.get(normalizeModelName(name)) ??
    newestOfClaudeFamily(name, entries, (entry) => entry.backendModel);
}

export function toModelInfo(entry: DuoModelEntry): ModelInfo {
  const info: ModelInfo = {
    id: entry.backendModel,
    apis: [...entry.apis],
    aliases: [entry.duoName, ...entry.aliases],
    capabilities: { tools: true, reasoning: true, vision: true },
  };
  if (entry.displayName !== undefined) info.displayName = entry.displayName;
  if (entry.contextWindow !== undefined) info.contextWindow = entry.contextWindow;
  if (entry.maxOutputTokens !== undefined) info.maxOutputTokens = entry.maxOutputTokens;
  return info;
}
