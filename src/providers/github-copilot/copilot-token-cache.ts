import type { CopilotToken } from "./get-copilot-token.js";

export interface CopilotTokenCacheOptions {
  exchange: () => Promise<CopilotToken>;
  now?: () => number;
}

/**
 * Holds the Copilot token and refreshes it lazily, on the first request after its refresh
 * time: no timer runs, so nothing can fail in the background. One exchange at a time — every
 * request that arrives during a refresh waits for the same one. A failed refresh reaches the
 * request that waited for it; while the old token has not expired yet it is used instead.
 */
export class CopilotTokenCache {
  private current: { token: CopilotToken; refreshAt: number } | undefined;
  private inflight: Promise<CopilotToken> | undefined;
  private readonly exchange: () => Promise<CopilotToken>;
  private readonly now: () => number;

  constructor(options: CopilotTokenCacheOptions) {
    this.exchange = options.exchange;
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<CopilotToken> {
    const current = this.current;
    if (current !== undefined && this.now() < current.refreshAt) return current.token;
    try {
      return await this.refresh();
    } catch (error) {
      if (current !== undefined && this.current === current && this.now() < current.token.expiresAt - 5_000) {
        return current.token;
      }
      throw error;
    }
  }

  /** Marks a token the API refused (401) as stale, unless a newer one has replaced it already. */
  invalidate(token: CopilotToken): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private refresh(): Promise<CopilotToken> {
    if (this.inflight !== undefined) return this.inflight;
    const fetchedAt = this.now();
    const pending = this.exchange().then((token) => {
      this.current = { token, refreshAt: refreshTime(token, fetchedAt) };
      return token;
    });
    this.inflight = pending.finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }
}

/**
 * When to refresh: at `refresh_in` (GitHub's hint, about 25 minutes) and never later than the
 * expiry, each less a margin of a fifth of the lifetime, capped at one minute, so a request
 * never leaves with a token about to expire.
 */
export function refreshTime(token: CopilotToken, fetchedAt: number): number {
  const lifetime = Math.max(0, token.expiresAt - fetchedAt);
  const byExpiry = token.expiresAt - Math.min(60_000, lifetime / 5);
  if (token.refreshInSeconds === undefined) return byExpiry;
  const hinted = token.refreshInSeconds * 1000;
  return Math.min(byExpiry, fetchedAt + hinted - Math.min(60_000, hinted / 5));
}
