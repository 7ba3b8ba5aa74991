export interface RefreshingValueOptions<Value> {
  fetch: () => Promise<Value>;
  /** How long a fetched value is served before it is fetched again. */
  maxAgeMs: number;
  now?: () => number;
  /** Told when a refetch behind a stale value fails (the stale value keeps serving). */
  onRefreshError?: (error: unknown) => void;
}

/**
 * A value fetched from an upstream (a model list) and refreshed after `maxAgeMs`. One fetch at a
 * time however many callers ask. Only the first fetch is waited for: later ones run beside the
 * callers, who keep the older value meanwhile, so a slow or failing upstream never holds up a
 * request once a value exists. A failed first fetch is not remembered: the next call asks again.
 */
export class RefreshingValue<Value> {
  private value: { value: Value; fetchedAt: number } | undefined;
  private inflight: Promise<Value> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RefreshingValueOptions<Value>) {
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<Value> {
    const current = this.value;
    if (current === undefined) return this.refetch();
    // Only the caller that starts the refetch reports its failure.
    if (this.now() - current.fetchedAt >= this.options.maxAgeMs && this.inflight === undefined) {
      this.refetch().catch((error: unknown) => this.options.onRefreshError?.(error));
    }
    return current.value;
  }

  /** The value if one was fetched already, without waiting. */
  cached(): Value | undefined {
    return this.value?.value;
  }

  clear(): void {
    this.value = undefined;
  }

  private refetch(): Promise<Value> {
    if (this.inflight !== undefined) return this.inflight;
    const pending = this.options.fetch().then((value) => {
      this.value = { value, fetchedAt: this.now() };
      return value;
    });
    this.inflight = pending;
    const settled = (): void => {
      if (this.inflight === pending) this.inflight = undefined;
    };
    pending.then(settled, settled);
    return pending;
  }
}
