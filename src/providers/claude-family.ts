/**
 * Claude Code asks for its own newest model names (`claude-opus-4-8`, dated sonnet and haiku
 * names) which a subscription may not offer yet. Providers that serve Claude through a fixed
 * catalogue use this to serve such a name with the newest offered model of the same family
 * (opus, sonnet, haiku); the response's `x-switchboard-model` header shows which one served.
 * Another family never stands in silently.
 */
const family = /^(?:[a-z_-]+\/)?claude-(opus|sonnet|haiku)(?:[-.]|$)/;

export function claudeFamilyOf(name: string): string | undefined {
  return family.exec(name.trim().toLowerCase())?.[1];
}

/** Version numbers in a model name, without a trailing release date (`-20250929`). */
function versionOf(name: string): number[] {
  const undated = name.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "");
  return (undated.match(/\d+/g) ?? []).map(Number);
}

function compareVersions(left: number[], right: number[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The newest of `candidates` (by `nameOf`) in the same Claude family as `requested`, if any. */
export function newestOfClaudeFamily<T>(
  requested: string,
  candidates: readonly T[],
  nameOf: (candidate: T) => string,
): T | undefined {
  const wanted = claudeFamilyOf(requested);
  if (wanted === undefined) return undefined;
  return candidates
    .filter((candidate) => claudeFamilyOf(nameOf(candidate)) === wanted)
    .sort((left, right) => compareVersions(versionOf(nameOf(right)), versionOf(nameOf(left))))[0];
}
