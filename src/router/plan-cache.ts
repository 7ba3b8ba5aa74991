import { planRoute, type PolicyTable, type ResolvedRoute } from "./plan-route.js";

export interface PlanCacheOptions {
  /** How long a plan is reused. Default 5 s. */
  ttlMs?: number;
  /** Plans kept at most; the cache starts over when full. Default 256. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * The plans of one routing table, reused for a few seconds. Planning resolves every target
 * through its provider's catalog and builds the groups anew (measured: a third of the memory a
 * small passthrough request allocates, and a chain of awaits); a coding session asks for the
 * same few names all day. A plan is read-only once made (the executor copies what it orders),
 * so requests share it. Catalogs refresh in minutes, so a plan at most `ttlMs` old routes as a
 * fresh one would; a reload makes a new table, and with it a new cache. Failures are not kept:
 * an unknown name is asked again, and may be known once a catalog has loaded.
 */
export class PlanCache {
  readonly #table: PolicyTable;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { route: ResolvedRoute; expires: number }>();

  constructor(table: PolicyTable, options: PlanCacheOptions = {}) {
    this.#table = table;
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 256;
    this.#now = options.now ?? Date.now;
  }

  /** The plan for `requested` if one fresh enough is kept: no promise, no await on the hot path. */
  cached(requested: string): ResolvedRoute | undefined {
    const entry = this.#entries.get(requested);
    if (entry === undefined) return undefined;
    if (entry.expires > this.#now()) return entry.route;
    this.#entries.delete(requested);
    return undefined;
  }

  /** The plan for `requested`: the kept one, or a new one, kept if it succeeds. */
  async plan(requested: string): Promise<ResolvedRoute> {
    const kept = this.cached(requested);
    if (kept !== undefined) return kept;
    const route = await planRoute(requested, this.#table);
    // Names are the client's to choose (a catch-all route takes any): the cache must stay small.
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(requested, { route, expires: this.#now() + this.#ttlMs });
    return route;
  }
}
