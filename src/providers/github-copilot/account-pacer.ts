import { GatewayError } from "../../errors/index.js";

export interface PacingSettings {
  /** Requests of one account in flight at once (a stream counts until its body ends). */
  maxConcurrency: number;
  /** The least time between two request starts. */
  minIntervalMs: number;
  /** The longest a request waits in the queue (and through holds) before it is answered 429. */
  maxQueueWaitMs: number;
}

/** What the usage record keeps of a request's time in the queue. */
export interface QueueFacts {
  waitedMs: number;
  /** Requests waiting ahead of this one when it arrived. */
  queueDepth: number;
}

interface Waiter {
  start: () => void;
}

/**
 * One Copilot account's queue: starts are spaced, bounded in number, and held while Copilot has
 * asked us to wait (a 429's `retry-after`). Agents retrying on their own, several subagents at
 * once, would each walk into the limit again; here they wait their turn instead, up to a bound,
 * after which the answer is a 429 that tells the client not to add retries of its own.
 * First come, first served.
 */
export class AccountPacer {
  private active = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private holdUntil = 0;
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly settings: PacingSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Requests waiting now. */
  get depth(): number {
    return this.waiting.length;
  }

  /** True when a request arriving now would have to wait for its turn. */
  mustWait(): boolean {
    const ready = this.waiting.length === 0 && this.active < this.settings.maxConcurrency;
    return !ready || this.now() < this.earliestStart();
  }

  /** Copilot asked for a pause: nothing starts before `seconds` from now. */
  hold(seconds: number): void {
    this.holdUntil = Math.max(this.holdUntil, this.now() + seconds * 1000);
    this.schedule();
  }

  /** The moment a request may start at the earliest, for the wait it is told about. */
  private earliestStart(): number {
    return Math.max(this.holdUntil, this.lastStart + this.settings.minIntervalMs);
  }

  /**
   * Waits for a turn (until `deadline`, a time on the pacer's clock); resolves with the function
   * that gives the turn back. Rejects with the queue's 429 when the turn cannot come in time, and
   * with the signal's reason when the client leaves.
   */
  acquire(deadline: number, signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.mustWait()) return Promise.resolve(this.begin());
    if (this.holdUntil > deadline) return Promise.reject(this.tooLong(this.holdUntil - this.now()));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        remove();
        reject(signal.reason);
      };
      const expiry = setTimeout(
        () => {
          remove();
          reject(this.tooLong(Math.max(this.earliestStart() - this.now(), 1000)));
        },
        Math.max(0, deadline - this.now()),
      );
      const remove = () => {
        clearTimeout(expiry);
        signal.removeEventListener("abort", onAbort);
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
      };
      const waiter: Waiter = {
        start: () => {
          remove();
          resolve(this.begin());
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
      this.schedule();
    });
  }

  private begin(): () => void {
    this.active += 1;
    this.lastStart = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.schedule();
    };
  }

  /** Starts whoever may start now, and sets one timer for the next moment someone may. */
  private schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.waiting.length > 0 && this.active < this.settings.maxConcurrency) {
      const wait = this.earliestStart() - this.now();
      if (wait > 0) {
        this.timer = setTimeout(() => this.schedule(), wait);
        this.timer.unref();
        return;
      }
      (this.waiting[0] as Waiter).start();
    }
  }

  /** The queue's own 429: `retry-after` says when to come back; `x-should-retry: false` stops the SDKs' retries. */
  private tooLong(waitMs: number): GatewayError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new GatewayError(
      "rate_limited",
      `GitHub Copilot is rate limiting this account; the request waited the longest this gateway lets a request wait (max_queue_wait_s ${this.settings.maxQueueWaitMs / 1000} s). Try again in ${seconds} s.`,
      {
        retryable: false,
        headers: { "retry-after": String(seconds), "x-should-retry": "false" },
      },
    );
  }
}
