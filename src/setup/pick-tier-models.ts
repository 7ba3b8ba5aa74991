import type { TierModels } from "./claude-settings.js";

/** A model a provider offers, as `provider/model`; `notEnabled` when the account must enable it first. */
export interface OfferedModel {
  id: string;
  notEnabled?: { state: string; fix: string } | undefined;
}

/** A model left out of a pick because the account cannot use it yet, and the tier it would have filled. */
export interface SkippedModel {
  tier: keyof TierModels | "codex";
  model: OfferedModel;
}

export interface TierPick {
  tiers: TierModels;
  skipped: SkippedModel[];
}

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
 * The newest usable model of `family`; models of that family the account has not enabled and
 * that are newer than the pick (or the only ones) are reported as skipped for `tier`.
 */
function newestUsable(offered: OfferedModel[], family: string, tier: SkippedModel["tier"], skipped: SkippedModel[]) {
  const usable = newestOfFamily(
    offered.filter((model) => model.notEnabled === undefined).map((model) => model.id),
    family,
  );
  const newest = newestOfFamily(
    offered.map((model) => model.id),
    family,
  );
  if (newest !== undefined && newest !== usable) {
    const blocked = offered.filter(
      (model) =>
        model.notEnabled !== undefined &&
        model.id.toLowerCase().includes(family) &&
        (usable === undefined || compareVersions(versionOf(model.id), versionOf(usable)) > 0),
    );
    for (const model of blocked)
      if (!skipped.some((entry) => entry.tier === tier && entry.model.id === model.id)) skipped.push({ tier, model });
  }
  return usable;
}

/** Where a tier looks when no model of its own family is usable: the best other Claude family. */
const fallbackFamilies: Record<"opus" | "sonnet" | "haiku", string[]> = {
  opus: ["sonnet", "haiku"],
  sonnet: ["opus", "haiku"],
  haiku: ["sonnet", "opus"],
};

/**
 * Each tier's model: the one chosen by flag, else the newest usable model of its family (for
 * Copilot, its newest Claude models the account has enabled), else the best usable model of
 * another Claude family. Left to the gateway's mapping, Claude Code's own name (its default is an
 * opus) would reach a model the account refuses, or none. The subagent tier follows the sonnet
 * tier. With no usable Claude model at all, the tiers are left out.
 */
export function pickTierModels(offered: OfferedModel[], chosen: TierModels): TierPick {
  const tiers: TierModels = {};
  const skipped: SkippedModel[] = [];
  for (const tier of ["opus", "sonnet", "haiku"] as const) {
    let model = chosen[tier];
    if (model === undefined) {
      model = newestUsable(offered, tier, tier, skipped);
      for (const family of fallbackFamilies[tier]) model ??= newestUsable(offered, family, tier, []);
    }
    if (model !== undefined) tiers[tier] = model;
  }
  const subagent = chosen.subagent ?? tiers.sonnet;
  if (subagent !== undefined) tiers.subagent = subagent;
  return { tiers, skipped };
}

/**
 * Codex's model: the chosen one, else the newest usable Codex model, else the newest usable GPT-5
 * model, else the first usable model offered (Codex's own default is routable nowhere).
 */
export function pickCodexModel(
  offered: OfferedModel[],
  chosen: string | undefined,
): { model: string | undefined; skipped: SkippedModel[] } {
  const skipped: SkippedModel[] = [];
  if (chosen !== undefined) return { model: chosen, skipped };
  const model =
    newestUsable(offered, "codex", "codex", skipped) ??
    newestUsable(offered, "gpt-5", "codex", skipped) ??
    offered.find((entry) => entry.notEnabled === undefined)?.id;
  return { model, skipped };
}

/** What setup says about each skipped model: which one, why, and how to have it picked. */
export function describeSkipped(skipped: SkippedModel[]): string[] {
  return skipped.map(({ tier, model }) => {
    const state = model.notEnabled?.state ?? "not enabled";
    const fix = model.notEnabled?.fix ?? "enable it with the provider";
    return `Skipped ${model.id} for the ${tier} ${tier === "codex" ? "model" : "tier"}: this account cannot use it yet (policy ${state}). To use it, ${fix}, then run setup again.`;
  });
}

/** Notes for models the user chose by name that the account has not enabled: their choice stands. */
export function describeChosenNotEnabled(offered: OfferedModel[], chosen: string[]): string[] {
  return chosen.flatMap((id) => {
    const model = offered.find((entry) => entry.id === id && entry.notEnabled !== undefined);
    return model === undefined
      ? []
      : [
          `Note: ${id} is not enabled for this account yet (policy ${model.notEnabled?.state}); ${model.notEnabled?.fix}.`,
        ];
  });
}
