import { Pool } from "undici";
import type { UpstreamTimeouts } from "./upstream-types.js";

/**
 * One keep-alive pool per origin and timeouts setting. A pool addressed directly skips what an
 * `Agent` does per request (parsing the URL again, looking the origin up), which on the hot path
 * is measurable against a bare proxy.
 */
const pools = new Map<string, Pool>();

/** An absolute http(s) URL split into its origin and its path with query. */
export interface SplitUrl {
  origin: string;
  path: string;
}

/**
 * Splits with string operations: the URLs here are built by `joinUrl` from a configured base, so
 * the plain `scheme://host[:port]/path` form is the norm; anything unusual goes through `URL`.
 */
export function splitUrl(url: string): SplitUrl {
  const hostStart = url.indexOf("://") + 3;
  const pathStart = url.indexOf("/", hostStart);
  const origin = pathStart === -1 ? url : url.slice(0, pathStart);
  if (hostStart > 2 && !/[@?#\\]/.test(origin)) {
    return { origin, path: pathStart === -1 ? "/" : url.slice(pathStart) };
  }
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

export function getUpstreamPool(origin: string, timeouts: UpstreamTimeouts): Pool {
  const key = `${origin} ${timeouts.connectMs}/${timeouts.firstByteMs}/${timeouts.idleMs}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new Pool(origin, {
      connectTimeout: timeouts.connectMs,
      headersTimeout: timeouts.firstByteMs,
      bodyTimeout: timeouts.idleMs,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
    });
    pools.set(key, pool);
  }
  return pool;
}

/** What each URL sent to lately resolved to, for the timeouts object it was sent with. */
const targets = new Map<string, { timeouts: UpstreamTimeouts; pool: Pool; path: string }>();

/**
 * The pool and path for a URL: `splitUrl` and `getUpstreamPool` once per URL and timeouts
 * setting, then one lookup (providers send to a few URLs with one timeouts object each; the split,
 * the pool's key and its lookup cost about 3 µs on every request). Kept for 256 URLs at most.
 */
export function upstreamTarget(url: string, timeouts: UpstreamTimeouts): { pool: Pool; path: string } {
  const kept = targets.get(url);
  if (kept !== undefined && kept.timeouts === timeouts) return kept;
  const { origin, path } = splitUrl(url);
  const target = { timeouts, pool: getUpstreamPool(origin, timeouts), path };
  if (targets.size >= 256) targets.clear();
  targets.set(url, target);
  return target;
}

/** Closes every pool, for shutdown and tests. */
export async function closeUpstreamAgents(): Promise<void> {
  const closing = [...pools.values()].map((pool) => pool.close());
  pools.clear();
  targets.clear();
  await Promise.allSettled(closing);
}
