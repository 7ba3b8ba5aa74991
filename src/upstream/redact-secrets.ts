/** Token shapes that must never be echoed back from an upstream's error text (keys, bearer tokens). */
const secretPatterns: RegExp[] = [
  /\bsk-[A-Za-z0-9_*-]{6,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{6,}/g,
  /\bglpat-[A-Za-z0-9_-]{6,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * Removes credentials from text before it reaches a client or a log: the known token shapes,
 * and any exact secret the caller knows about (the provider's configured key).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  for (const pattern of secretPatterns) result = result.replace(pattern, "[redacted]");
  return result;
}
