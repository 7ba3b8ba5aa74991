import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api.js";
import type { LiveFeed } from "./live.js";

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError)
    return error.param === undefined ? error.message : `${error.message} (parameter: ${error.param})`;
  return error instanceof Error ? error.message : String(error);
}

/** Loads with `load` whenever `key` changes; `reload` loads again (the last answer wins). */
export function useData<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(() => {
    const mine = ++generation.current;
    loader.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
      },
      (failure: unknown) => {
        if (mine === generation.current) setError(messageOf(failure));
      },
    );
  }, []);
  useEffect(() => {
    setData(undefined);
    reload();
  }, [key, reload]);
  return { data, error, reload };
}

/**
 * Calls `refresh` after live rows arrive and after the feed reconnects. The store writes rows in
 * batches once a second, so the refresh waits a little over that for the new rows to be there.
 */
export function useLiveRefresh(live: LiveFeed, refresh: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, 1100);
    };
    const unsubscribe = live.subscribe(soon);
    // Only a reconnection refreshes: the first connection comes while the page is loading anyway.
    let dropped = false;
    const unwatch = live.onStatus((status) => {
      if (status === "reconnecting") dropped = true;
      if (status === "live" && dropped) {
        dropped = false;
        refresh();
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
      unwatch();
    };
  }, [live, refresh]);
}
