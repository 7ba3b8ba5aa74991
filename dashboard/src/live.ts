import { normaliseRequest } from "./api.js";
import type { RequestRow } from "./api-types.js";

type Listener = (rows: RequestRow[]) => void;
export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * The live feed (Server-Sent Events). The browser retries by itself after a drop; when the
 * gateway answered with an error instead (it restarted and the session must be renewed), the
 * feed asks `renew` and opens again, every second until it works.
 */
export class LiveFeed {
  private source: EventSource | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly renew: () => Promise<void>) {}

  start(): void {
    this.open();
  }

  private setStatus(status: LiveStatus): void {
    for (const listener of this.statusListeners) listener(status);
  }

  private open(): void {
    this.setStatus("connecting");
    const source = new EventSource("/dashboard/api/live");
    this.source = source;
    source.addEventListener("hello", () => this.setStatus("live"));
    source.addEventListener("requests", (event) => {
      const raw = JSON.parse((event as MessageEvent<string>).data) as Array<Record<string, unknown>>;
      const rows = raw.map(normaliseRequest);
      for (const listener of this.listeners) listener(rows);
    });
    source.onerror = () => {
      this.setStatus("reconnecting");
      if (source.readyState !== EventSource.CLOSED || this.retry !== undefined) return;
      const again = (): void => {
        this.retry = setTimeout(() => {
          this.renew().then(
            () => {
              this.retry = undefined;
              this.open();
            },
            () => again(),
          );
        }, 1000);
      };
      again();
    };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  stop(): void {
    clearTimeout(this.retry);
    this.source?.close();
  }
}
