import { hasControlCharacter } from "../lib/control-characters.js";
import type { KeyPatch } from "./key-store.js";
import { parseMcpGrants } from "./mcp-grants.js";
import {
  KeyInputError,
  parseAllowance,
  parseBudget,
  parseExpiry,
  parseModelList,
  parsePositiveInteger,
} from "./parse-limits.js";

/** The fields a key is created or changed with, as the admin API and the CLI take them. */
export const keyInputFields = [
  "name",
  "models",
  "mcp",
  "rpm",
  "tpm",
  "max_parallel",
  "budget",
  "premium_requests",
  "expires",
] as const;

/** A value that removes a limit in an update (`--rpm none`, `"rpm": null`). */
function isRemoval(value: unknown): boolean {
  return value === null || value === "none";
}

/** Whether a field's value holds a control character anywhere (in its text, a list's items, an object's keys and values). */
function holdsControlCharacter(value: unknown): boolean {
  if (typeof value === "string") return hasControlCharacter(value);
  if (Array.isArray(value)) return value.some(holdsControlCharacter);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).some(([key, item]) => holdsControlCharacter(key) || holdsControlCharacter(item));
  return false;
}

function text(field: string, value: unknown): string {
  if (typeof value !== "string")
    throw new KeyInputError(field, `${field}: expected text, got ${JSON.stringify(value)}.`);
  return value;
}

/**
 * Reads raw fields (JSON body or CLI flags) into a patch. Unknown fields and bad values throw a
 * `KeyInputError` naming the field; `null` or "none" removes a limit (updates only).
 */
export function readKeyInput(raw: Record<string, unknown>, options: { now: number; removals: boolean }): KeyPatch {
  const patch: KeyPatch = {};
  const limits: NonNullable<KeyPatch["limits"]> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!(keyInputFields as readonly string[]).includes(field)) {
      throw new KeyInputError(field, `${field}: not a key field (fields: ${keyInputFields.join(", ")}).`);
    }
    if (holdsControlCharacter(value)) {
      throw new KeyInputError(field, `${field}: control characters (such as NUL) are not allowed.`);
    }
    if (isRemoval(value)) {
      if (!options.removals || field === "name") {
        throw new KeyInputError(field, `${field}: a value is required.`);
      }
      if (field === "models") patch.models = null;
      else if (field === "mcp") patch.mcp = null;
      else if (field === "expires") patch.expiresAt = null;
      else limits[limitName(field)] = null;
      continue;
    }
    switch (field) {
      case "name": {
        const name = text(field, value).trim();
        if (name === "" || name.length > 200) throw new KeyInputError(field, `${field}: expected 1 to 200 characters.`);
        patch.name = name;
        break;
      }
      case "models":
        patch.models = parseModelList(field, value);
        break;
      case "mcp":
        patch.mcp = parseMcpGrants(field, value);
        break;
      case "rpm":
      case "tpm":
      case "max_parallel":
        limits[limitName(field)] = parsePositiveInteger(field, value) as never;
        break;
      case "budget":
        limits.budget = parseBudget(field, text(field, value));
        break;
      case "premium_requests":
        limits.premiumRequests = parseAllowance(field, text(field, value));
        break;
      case "expires":
        patch.expiresAt = parseExpiry(field, text(field, value), options.now);
        break;
    }
  }
  if (Object.keys(limits).length > 0) patch.limits = limits;
  return patch;
}

function limitName(field: string): "rpm" | "tpm" | "maxParallel" | "budget" | "premiumRequests" {
  if (field === "max_parallel") return "maxParallel";
  if (field === "premium_requests") return "premiumRequests";
  return field as "rpm" | "tpm" | "budget";
}
