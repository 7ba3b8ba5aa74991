import type { Logger } from "../lib/logger.js";
import type { QuotaSnapshot, UsageStore } from "./usage-store.js";

/** What the poller needs of a provider (the Copilot provider has it). */
export interface QuotaSource {
  id: string;
  premiumQuota?(): Promise<Omit<QuotaSnapshot, "provider" | "takenAt"> | undefined>;
}

export const quotaPollMs = 3_600_000;

/**
 * Records each provider's own premium-request count now and every hour, so that the gateway's
 * count can be set beside GitHub's. A failed read is logged at debug level and tried next hour.
 * Returns the function that stops polling.
 */
export function pollPremiumQuota(options: {
  sources: Iterable<QuotaSource>;
  store: Pick<UsageStore, "recordQuota">;
  logger: Logger;
  intervalMs?: number;
  now?: () => number;
}): () => void {
  const sources = [...options.sources].filter((source) => source.premiumQuota !== undefined);
  if (sources.length === 0) return () => undefined;
  const now = options.now ?? Date.now;
  const poll = () => {
    for (const source of sources) {
      source
        .premiumQuota?.()
        .then((quota) => {
          if (quota !== undefined) options.store.recordQuota({ ...quota, provider: source.id, takenAt: now() });
        })
        .catch((error: unknown) =>
          options.logger.debug({ provider: source.id, err: error }, "premium quota not read; tried again later"),
        );
    }
  };
  poll();
  const timer = setInterval(poll, options.intervalMs ?? quotaPollMs);
  timer.unref();
  return () => clearInterval(timer);
}
