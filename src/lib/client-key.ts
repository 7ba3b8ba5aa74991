import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The key a client sent: `x-api-key` (Anthropic clients) or `Authorization: Bearer` (OpenAI clients). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey !== "") return apiKey;
  const authorization = headers.authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/**
 * Compares in constant time. Hashing first gives both sides the same length, so neither the
 * comparison nor a length check leaks how much of the key was right.
 */
export function keyMatches(presented: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(presented ?? ""), digest(expected)) && presented !== undefined;
}
