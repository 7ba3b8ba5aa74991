import type { Logger } from "../lib/logger.js";
import type { QuotaSnapshot, UsageStore } from "./usage-store.js";

/** What the poller needs of a provider (the Copilot provider has it). */
export interface QuotaSource {
  id: string;
  premiumQuota?(): Promise<Omit<QuotaSnapshot, "provider" | "takenAt"> | undefined>;
}

export const quotaPollMs = 3_600_000;

export interface QuotaPoller {
  /** Polls at once the sources it has not seen yet (providers a reload or a sign-in brought). */
  sourcesChanged(): void;
  stop(): void;
}

/**
 * Records each provider's own premium-request count at start and every hour, so that the
 * gateway's count can be set beside GitHub's. `sources` is read on every poll: providers rebuilt
 * by SIGHUP or by the dashboard's GitHub sign-in are polled, the ones they replaced are not, and
 * `sourcesChanged` polls the new ones without waiting for the hour; a read that ends after its
 * provider was replaced is dropped. A failed read is logged at
 * debug level and tried at the next poll.
 */
export function pollPremiumQuota(options: {
  sources: () => Iterable<QuotaSource>;
  store: Pick<UsageStore, "recordQuota">;
  logger: Logger;
  intervalMs?: number;
  now?: () => number;
}): QuotaPoller {
  const now = options.now ?? Date.now;
  // Provider objects already polled: a rebuilt provider is a new object, even under the same id.
  const seen = new WeakSet<QuotaSource>();
  const isCurrent = (source: QuotaSource) => {
    for (const current of options.sources()) if (current === source) return true;
    return false;
  };
  const pollOne = (source: QuotaSource) => {
    seen.add(source);
    source
      .premiumQuota?.()
      .then((quota) => {
        // A reload may have replaced the provider while it was read: its answer is not recorded then.
        if (quota === undefined || !isCurrent(source)) return;
        options.store.recordQuota({ ...quota, provider: source.id, takenAt: now() });
      })
      .catch((error: unknown) =>
        options.logger.debug({ provider: source.id, err: error }, "premium quota not read; tried again later"),
      );
  };
  const poll = (onlyNew: boolean) => {
    for (const source of options.sources()) {
      if (source.premiumQuota !== undefined && !(onlyNew && seen.has(source))) pollOne(source);
    }
  };
  poll(false);
  const timer = setInterval(() => poll(false), options.intervalMs ?? quotaPollMs);
  timer.unref();
  return { sourcesChanged: () => poll(true), stop: () => clearInterval(timer) };
}
