/**
 * A bounded queue written in batches off the request path. `push` never waits and never throws:
 * when the queue is full the row is dropped and counted (`onOverflow` tells the first time).
 * A row waits at most `intervalMs` (a timer runs only while rows wait: an idle gateway never wakes
 * up for it). A batch whose write fails goes back to the front and is tried again a tick later.
 */
export class WriteQueue<Row> {
  private rows: Row[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  dropped = 0;
  /** Set while the last write failed; cleared by the next success. */
  lastError: unknown;

  constructor(
    private readonly options: {
      capacity: number;
      batchSize: number;
      intervalMs: number;
      write: (batch: Row[]) => Promise<void>;
      onOverflow: (dropped: number) => void;
      onWriteError: (error: unknown) => void;
    },
  ) {}

  /** A drain `intervalMs` from now, unless one is already due. */
  private schedule(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  get depth(): number {
    return this.rows.length;
  }

  push(row: Row): boolean {
    if (this.rows.length >= this.options.capacity) {
      this.dropped += 1;
      this.options.onOverflow(this.dropped);
      return false;
    }
    this.rows.push(row);
    // A full batch is written at once rather than at the next tick: memory stays small under load.
    if (this.rows.length >= this.options.batchSize && this.writing === undefined && this.lastError === undefined) {
      setImmediate(() => void this.drain());
    } else this.schedule();
    return true;
  }

  /** Writes batches until the queue is empty or a write fails. One drain runs at a time. */
  drain(): Promise<void> {
    if (this.writing !== undefined) return this.writing;
    if (this.rows.length === 0) return Promise.resolve();
    this.writing = this.writeAll().finally(() => {
      this.writing = undefined;
      // Rows that came during the write, or a batch put back after a failure: their own turn.
      if (this.rows.length > 0) this.schedule();
    });
    return this.writing;
  }

  private async writeAll(): Promise<void> {
    while (this.rows.length > 0) {
      const batch = this.rows.splice(0, this.options.batchSize);
      try {
        await this.options.write(batch);
        this.lastError = undefined;
      } catch (error) {
        this.lastError = error;
        // Back to the front, as far as the capacity allows (rows pushed meanwhile stay behind them).
        const room = Math.max(0, this.options.capacity - this.rows.length);
        const kept = batch.slice(0, room);
        if (kept.length < batch.length) {
          this.dropped += batch.length - kept.length;
          this.options.onOverflow(this.dropped);
        }
        this.rows.unshift(...kept);
        this.options.onWriteError(error);
        return;
      }
    }
  }

  /** Waits for a running write, then writes what is left (once: a failing store does not hold up shutdown). */
  async flush(): Promise<void> {
    await this.writing;
    await this.drain();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
