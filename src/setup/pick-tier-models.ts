import type { TierModels } from "./claude-settings.js";

/** The version numbers in a model id (`claude-opus-4.5` → [4, 5]); dates (8 digits) are left out. */
function versionOf(id: string): number[] {
  return (id.match(/\d+/g) ?? []).filter((part) => part.length < 8).map(Number);
}

function compareVersions(left: number[], right: number[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The newest offered model of a Claude family (`opus`, `sonnet`, `haiku`), by the version in its name. */
export function newestOfFamily(modelIds: string[], family: string): string | undefined {
  const candidates = modelIds.filter((id) => id.toLowerCase().includes(family));
  return candidates.sort((left, right) => compareVersions(versionOf(right), versionOf(left)))[0];
}

/**
 * Each tier's model: the one chosen by flag, else the newest offered model of its family (for
 * Copilot, its newest Claude models). The subagent tier follows the sonnet tier. A tier with
 * neither is left out, so that the gateway's own mapping of Claude Code's names applies.
 */
export function pickTierModels(modelIds: string[], chosen: TierModels): TierModels {
  const picked: TierModels = {};
  for (const tier of ["opus", "sonnet", "haiku"] as const) {
    const model = chosen[tier] ?? newestOfFamily(modelIds, tier);
    if (model !== undefined) picked[tier] = model;
  }
  const subagent = chosen.subagent ?? picked.sonnet;
  if (subagent !== undefined) picked.subagent = subagent;
  return picked;
}

/** Codex's model: the chosen one, else the newest offered Codex model, else the newest GPT-5 model. */
export function pickCodexModel(modelIds: string[], chosen: string | undefined): string | undefined {
  return chosen ?? newestOfFamily(modelIds, "codex") ?? newestOfFamily(modelIds, "gpt-5");
}
