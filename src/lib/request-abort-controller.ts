/**
 * The signal of one HTTP request: what `AbortSignal` offers (`aborted`, `reason`, `onabort`,
 * `throwIfAborted`, `abort` listeners), on a plain `EventTarget`.
 *
 * Why not `AbortController`: Node 20 makes each `AbortSignal` by changing an `EventTarget`'s
 * prototype, which gives every signal a map of its own and makes it slow to make and to use
 * (measured: 3–4 µs to make one, 3 µs to add and remove a listener, against 0.1–0.2 µs and
 * 0.4 µs here). Every generation request makes one, and undici listens on it.
 *
 * It serves where a signal is only listened to and read: undici's `request` (which takes any
 * `EventTarget`), our own code, Node's duck-typed checks. It is not a real `AbortSignal`, so it
 * must not go to `fetch` or `AbortSignal.any`, which insist on one.
 */
export class RequestSignal extends EventTarget implements AbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((this: AbortSignal, event: Event) => unknown) | null = null;

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }
}

export class RequestAbortController {
  readonly signal = new RequestSignal();

  /**
   * As `AbortController.abort`: the first call wins, later ones do nothing.
   *
   * An abort without a reason is a client that left. Its reason, and every error the listeners
   * make for it (undici's `InformationalError("aborted")`, its `RequestAbortedError`), are made
   * without stack frames: they would only ever show the socket's `close` event, and Node formats
   * the stack of the error a socket is destroyed with (measured: ~45 µs per cancelled request,
   * the largest cost of a cancel after the closed connection). A deadline's abort gives its reason
   * and keeps its stacks.
   */
  abort(reason?: unknown): void {
    const signal = this.signal;
    if (signal.aborted) return;
    if (reason !== undefined) {
      this.dispatch(reason);
      return;
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      this.dispatch(new DOMException("This operation was aborted", "AbortError"));
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private dispatch(reason: unknown): void {
    const signal = this.signal;
    signal.aborted = true;
    signal.reason = reason;
    const event = new Event("abort");
    signal.onabort?.call(signal, event);
    signal.dispatchEvent(event);
  }
}
