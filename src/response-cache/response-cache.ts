import { createHash } from "node:crypto";
import type { CacheStorage, CachedAnswer } from "./cache-storage.js";
import { canonicalJson } from "./canonical-json.js";

/** What the cache needs to know of a request. */
export interface CacheQuery {
  clientApi: string;
  /** The route (model name) asked for. */
  route: string;
  /** The key's id: answers are not shared across keys unless configured. */
  keyId: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** One request's use of the cache: read (unless bypassed), then save its answer. */
export interface CacheLookup {
  /** The cached answer, unless `cache-control: no-cache` asked for a fresh one (or the cache failed). */
  get(): Promise<CachedAnswer | undefined>;
  /** Keeps a successful answer (never called for errors); a failure is ignored. */
  save(answer: CachedAnswer): void;
}

export interface ResponseCache {
  /** The request's lookup, or undefined when it does not use the cache (neither its route nor it asked). */
  consider(query: CacheQuery): CacheLookup | undefined;
  close(): Promise<void>;
}

export interface ResponseCacheOptions {
  storage: CacheStorage;
  /** Every route caches. */
  enabled: boolean;
  /** Routes that cache. */
  routes: string[];
  ttlMs: number;
  shareAcrossKeys: boolean;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/**
 * The response cache: opt in per route (`cache.routes`, or `cache.enabled` for all) or per request
 * (`x-switchboard-cache: on`). An exact match on the normalised request (keys sorted), the API,
 * the route and, unless shared, the key. `cache-control: no-cache` skips the read (the fresh
 * answer is kept); `no-store` skips both.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const routes = new Set(options.routes);
  return {
    consider(query) {
      const asked = headerText(query.headers["x-switchboard-cache"]).toLowerCase();
      if (asked === "off") return undefined;
      if (!options.enabled && !routes.has(query.route) && asked !== "on") return undefined;
      const control = headerText(query.headers["cache-control"]).toLowerCase();
      if (control.includes("no-store")) return undefined;
      const bypass = control.includes("no-cache");
      const scope = options.shareAcrossKeys ? "shared" : (query.keyId ?? "anonymous");
      const key = createHash("sha256")
        .update(`${query.clientApi}\n${query.route}\n${scope}\n`)
        .update(canonicalJson(query.body))
        .digest("hex");
      return {
        get: () => (bypass ? Promise.resolve(undefined) : options.storage.get(key).catch(() => undefined)),
        save: (answer) => void options.storage.set(key, answer, options.ttlMs).catch(() => undefined),
      };
    },
    close: () => options.storage.close(),
  };
}
