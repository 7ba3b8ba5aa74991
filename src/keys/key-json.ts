import type { KeySummary } from "./virtual-key.js";

/** A key as the admin API and `keys list --json` show it (snake_case, no hash). */
export function keyJson(key: KeySummary): Record<string, unknown> {
  const { limits } = key;
  return {
    id: key.id,
    name: key.name,
    hint: key.hint,
    models: key.models ?? null,
    // No grants: no tool server (an empty list, never "all").
    mcp: key.mcp ?? [],
    limits: {
      rpm: limits.rpm ?? null,
      tpm: limits.tpm ?? null,
      max_parallel: limits.maxParallel ?? null,
      budget: limits.budget ?? null,
      premium_requests: limits.premiumRequests ?? null,
    },
    created_at: key.createdAt,
    expires_at: key.expiresAt ?? null,
    revoked_at: key.revokedAt ?? null,
  };
}

/** One line of `keys list`: id, name, state, models and limits in the flags' own notation. */
export function keyLine(key: KeySummary, now: number): string {
  const { limits } = key;
  const state =
    key.revokedAt !== undefined
      ? "revoked"
      : key.expiresAt !== undefined && Date.parse(key.expiresAt) <= now
        ? "expired"
        : "active";
  const parts = [key.id, JSON.stringify(key.name), key.hint, state, `models=${key.models?.join(",") ?? "all"}`];
  if (limits.rpm !== undefined) parts.push(`rpm=${limits.rpm}`);
  if (limits.tpm !== undefined) parts.push(`tpm=${limits.tpm}`);
  if (limits.maxParallel !== undefined) parts.push(`max-parallel=${limits.maxParallel}`);
  if (limits.budget !== undefined) parts.push(`budget=${limits.budget.usd}usd/${limits.budget.period}`);
  if (limits.premiumRequests !== undefined)
    parts.push(`premium-requests=${limits.premiumRequests.count}/${limits.premiumRequests.period}`);
  if (key.mcp !== undefined) parts.push(`mcp=${key.mcp.join(",")}`);
  if (key.expiresAt !== undefined) parts.push(`expires=${key.expiresAt}`);
  return parts.join("  ");
}
