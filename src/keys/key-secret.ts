import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every virtual key starts with this, so that secret scanners and users can tell one apart. */
export const keySecretPrefix = "sk-sb-";

/** A new key: 32 random bytes (256 bits), so a plain SHA-256 of it cannot be brute-forced. */
export function generateKeySecret(): string {
  return keySecretPrefix + randomBytes(32).toString("base64url");
}

/** What is stored instead of the key: its SHA-256, hex. */
export function hashKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Compares two stored hashes in constant time. */
export function hashesMatch(left: string, right: string): boolean {
  const a = Buffer.from(left, "hex");
  const b = Buffer.from(right, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The part of a key safe to show in listings: the prefix and four characters, never enough to use it. */
export function keyHint(secret: string): string {
  return `${secret.slice(0, keySecretPrefix.length + 4)}…`;
}

/** Whether a presented credential has the shape of a virtual key (a cheap test before any lookup). */
export function looksLikeKeySecret(value: string): boolean {
  return value.startsWith(keySecretPrefix) && value.length === keySecretPrefix.length + 43;
}
