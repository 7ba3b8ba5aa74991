import type { UsageRecord, UsageSink } from "../../store/usage-record.js";

/** Rows as they are recorded: what the dashboard's live feed listens to (the usage store offers the same). */
export interface UsageFeed {
  onRecorded(listener: (row: UsageRecord) => void): () => void;
}

/**
 * A sink that passes every row on to `inner` and then to the feed's listeners. A listener that
 * throws is dropped from nothing and breaks nothing: the request path never sees its error.
 */
export function teeUsageSink(inner: UsageSink): { sink: UsageSink; feed: UsageFeed } {
  const listeners = new Set<(row: UsageRecord) => void>();
  return {
    sink: {
      record(row) {
        inner.record(row);
        for (const listener of listeners) {
          try {
            listener(row);
          } catch {
            // The feed is a view; a failing viewer must not fail the request it watches.
          }
        }
      },
    },
    feed: {
      onRecorded(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
