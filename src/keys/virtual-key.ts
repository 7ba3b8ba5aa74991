/** The calendar period a budget or allowance counts over (UTC). */
export type Period = "day" | "week" | "month";

export interface KeyLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens (input + output) per minute. */
  tpm?: number;
  /** Requests in flight at once. */
  maxParallel?: number;
  /** Estimated spend in US dollars per period. */
  budget?: { usd: number; period: Period };
  /** Copilot premium requests (user-initiated × multiplier) per period. */
  premiumRequests?: { count: number; period: Period };
}

/** A virtual key as stored: never the key itself, only its hash. */
export interface VirtualKey {
  id: string;
  name: string;
  /** SHA-256 of the key, hex. */
  hash: string;
  /** The key's first characters, for listings (`sk-sb-AbCd…`). */
  hint: string;
  /** Routes (model names) the key may ask for; undefined: every one. */
  models?: string[];
  /** Tool servers and tools the key may use through `/mcp` (mcp-grants.ts); undefined: none. */
  mcp?: string[];
  limits: KeyLimits;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
}

/** A key as listed: everything but the hash. */
export type KeySummary = Omit<VirtualKey, "hash">;

export function summarizeKey(key: VirtualKey): KeySummary {
  const { hash: _hash, ...summary } = key;
  return summary;
}
