import type { KeyLimits, VirtualKey } from "./virtual-key.js";

/** A change to a key: a field given replaces the stored one; `null` removes it. */
export interface KeyPatch {
  name?: string;
  models?: string[] | null;
  mcp?: string[] | null;
  expiresAt?: string | null;
  limits?: { [Name in keyof KeyLimits]?: KeyLimits[Name] | null };
}

/** Where virtual keys live: in memory (tests) or in the usage store's database. */
export interface KeyStore {
  insert(key: VirtualKey): Promise<void>;
  list(): Promise<VirtualKey[]>;
  get(id: string): Promise<VirtualKey | undefined>;
  findByHash(hash: string): Promise<VirtualKey | undefined>;
  /** Replaces a stored key whole (the service computes the new value); false when the id is unknown. */
  replace(key: VirtualKey): Promise<boolean>;
  close(): Promise<void>;
}

/** Applies a patch to a key's fields. */
export function applyKeyPatch(key: VirtualKey, patch: KeyPatch): VirtualKey {
  const next: VirtualKey = { ...key, limits: { ...key.limits } };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.models === null) delete next.models;
  else if (patch.models !== undefined) next.models = patch.models;
  if (patch.mcp === null) delete next.mcp;
  else if (patch.mcp !== undefined) next.mcp = patch.mcp;
  if (patch.expiresAt === null) delete next.expiresAt;
  else if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
  for (const [name, value] of Object.entries(patch.limits ?? {}) as [keyof KeyLimits, unknown][]) {
    if (value === null) delete next.limits[name];
    else if (value !== undefined) (next.limits as Record<string, unknown>)[name] = value;
  }
  return next;
}
