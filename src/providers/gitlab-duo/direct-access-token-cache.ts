import type { Logger } from "../../lib/logger.js";
import type { DirectAccessToken } from "./fetch-direct-access-token.js";

export interface DirectAccessTokenCacheOptions {
  fetchToken: () => Promise<DirectAccessToken>;
  now?: () => number;
  logger?: Logger;
}

/** Tokens live about an hour; public clients refetch after 25 minutes when GitLab gives no expiry. */
export const refreshAfterMs = 25 * 60 * 1000;
/** Without a known expiry, a token older than this is not used while a new one is being fetched. */
const assumedUsableMs = 50 * 60 * 1000;

interface CachedToken {
  value: DirectAccessToken;
  /** From here on, a new token is fetched in the background while this one keeps serving. */
  refreshAt: number;
  /** From here on, requests wait for the new token. */
  usableUntil: number;
}

/**
 * Holds one direct-access token for a provider. One fetch at a time however many requests wait;
 * the refresh starts well before expiry and runs beside the requests instead of in front of them.
 * There are no timers: refreshes start from requests, so nothing can fire after `close` or crash
 * the process with an unhandled rejection.
 */
export class DirectAccessTokenCache {
  private current: CachedToken | undefined;
  private inFlight: Promise<DirectAccessToken> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: DirectAccessTokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** When the token held now expires (milliseconds), if GitLab said and one is held. */
  get expiresAt(): number | undefined {
    return this.current?.value.expiresAt;
  }

  async get(): Promise<DirectAccessToken> {
    const now = this.now();
    const current = this.current;
    if (current !== undefined && now < current.refreshAt) return current.value;
    if (current !== undefined && now < current.usableUntil) {
      this.refresh().catch((error: unknown) => {
        this.options.logger?.warn({ err: error }, "gitlab-duo: background refresh of the direct-access token failed");
      });
      return current.value;
    }
    return this.refresh();
  }

  /** Drops `stale` after the gateway refused it, unless a newer token has already replaced it. */
  invalidate(stale: DirectAccessToken): void {
    if (this.current?.value === stale) this.current = undefined;
  }

  private refresh(): Promise<DirectAccessToken> {
    if (this.inFlight !== undefined) return this.inFlight;
    const started = this.now();
    const fetching = this.options.fetchToken().then((value) => {
      this.current = { value, ...this.schedule(value, started) };
      return value;
    });
    this.inFlight = fetching;
    const clear = (): void => {
      if (this.inFlight === fetching) this.inFlight = undefined;
    };
    fetching.then(clear, clear);
    return fetching;
  }

  /** At 80% of a known life (never later than 25 minutes), else after 25 minutes. */
  private schedule(value: DirectAccessToken, fetchedAt: number): { refreshAt: number; usableUntil: number } {
    if (value.expiresAt === undefined || value.expiresAt <= fetchedAt) {
      return { refreshAt: fetchedAt + refreshAfterMs, usableUntil: fetchedAt + assumedUsableMs };
    }
    const life = value.expiresAt - fetchedAt;
    return {
      refreshAt: fetchedAt + Math.min(refreshAfterMs, life * 0.8),
      usableUntil: fetchedAt + life * 0.9,
    };
  }
}
