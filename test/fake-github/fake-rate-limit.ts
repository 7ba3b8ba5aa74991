/**
 * Copilot's per-account rate limit, as its users report it (github/copilot-cli#2754, #2760;
 * microsoft/vscode-copilot-release "rate-limited" issues): past a number of model requests in a
 * period, a 429 "Sorry, you've hit a rate limit …" with `retry-after` in whole seconds. The fake
 * counts requests in a sliding window; a request that arrives inside a `retry-after` window it has
 * announced is a violation (the behaviour that gets accounts flagged) and is refused again.
 */
export interface FakeRateLimitOptions {
  /** Requests accepted per window. */
  requests: number;
  windowMs: number;
  now?: () => number;
}

export interface RateLimitRefusal {
  retryAfterSeconds: number;
  message: string;
}

export class FakeRateLimit {
  /** Requests that arrived while an announced `retry-after` window was still open. */
  violations = 0;
  /** 429s answered. */
  refusals = 0;
  accepted = 0;
  private readonly starts: number[] = [];
  private blockedUntil = 0;
  private readonly now: () => number;

  constructor(private readonly options: FakeRateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Undefined when the request may go on; the 429 to answer otherwise. */
  check(): RateLimitRefusal | undefined {
    const now = this.now();
    if (now < this.blockedUntil) {
      this.violations += 1;
      return this.refuse(Math.ceil((this.blockedUntil - now) / 1000));
    }
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.options.windowMs) this.starts.shift();
    if (this.starts.length >= this.options.requests) {
      const seconds = Math.max(1, Math.ceil(((this.starts[0] as number) + this.options.windowMs - now) / 1000));
      this.blockedUntil = now + seconds * 1000;
      return this.refuse(seconds);
    }
    this.starts.push(now);
    this.accepted += 1;
    return undefined;
  }

  private refuse(seconds: number): RateLimitRefusal {
    this.refusals += 1;
    return {
      retryAfterSeconds: seconds,
      message: `Sorry, you've hit a rate limit that restricts the number of Copilot model requests you can make within a specific time period. Please try again in ${seconds} seconds.`,
    };
  }
}
