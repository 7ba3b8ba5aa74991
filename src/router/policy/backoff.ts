/**
 * Exponential backoff with full jitter (a random wait between 0 and base·2^attempt, capped),
 * raised to the upstream's `retry-after` when it asks for longer.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 250, maxMs: 8_000 };

export function backoffDelayMs(options: {
  retry: number;
  retryAfterSeconds?: number;
  backoff?: BackoffOptions;
  random?: () => number;
}): number {
  const { baseMs, maxMs } = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(maxMs, baseMs * 2 ** options.retry);
  const jittered = Math.floor(random() * ceiling);
  const asked = options.retryAfterSeconds === undefined ? 0 : Math.ceil(options.retryAfterSeconds * 1000);
  return Math.max(jittered, asked);
}

/** Waits `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
