import { GatewayError } from "../errors/gateway-error.js";
import type { KeyStore } from "./key-store.js";
import { hashKeySecret, hashesMatch, looksLikeKeySecret } from "./key-secret.js";
import type { VirtualKey } from "./virtual-key.js";

/**
 * Who is asking: the master key (may do everything), the admin key (manages Switchboard, cannot
 * call models), a virtual key, or anyone (no master key set).
 */
export type Principal = { kind: "master" } | { kind: "admin" } | { kind: "key"; key: VirtualKey } | { kind: "open" };

export interface KeyAuthenticator {
  /** The principal for a presented credential; a 401 `GatewayError` when it is missing, wrong, revoked or expired. */
  authenticate(presented: string | undefined): Promise<Principal>;
  /** Forgets what was cached about a key (another replica changed it). */
  invalidate(keyId: string): void;
}

interface CacheEntry {
  key: VirtualKey | undefined;
  fetchedAt: number;
}

const openPrincipal: Principal = { kind: "open" };
const masterPrincipal: Principal = { kind: "master" };
const adminPrincipal: Principal = { kind: "admin" };

/** The refusal of a missing or unknown key; it never repeats what was presented. */
export function invalidKeyError(): GatewayError {
  return new GatewayError(
    "authentication",
    "A valid Switchboard API key is required (x-api-key or Authorization: Bearer).",
  );
}

/** The refusal of the admin key on a route that spends (models, embeddings): it manages, it does not call. */
export function adminKeyCannotSpendError(): GatewayError {
  return new GatewayError(
    "permission",
    "The admin key (server.admin_key) manages Switchboard and cannot call models; use the master key or a virtual key.",
  );
}

/**
 * Checks the master and admin keys first (constant time, on hashes), then virtual keys by their SHA-256.
 * A looked-up key is kept for `cacheMs` (default 500 ms): a revocation in the shared database is
 * refused by every replica within that time even without Redis, and a busy key costs one
 * database read per half second, not one per request.
 */
export function createKeyAuthenticator(options: {
  store: KeyStore;
  masterKey: string | undefined;
  /** `server.admin_key`: recognised as the admin principal; without a master key, others are "open". */
  adminKey?: string | undefined;
  cacheMs?: number;
  now?: () => number;
}): KeyAuthenticator {
  const { store, masterKey } = options;
  const cacheMs = options.cacheMs ?? 500;
  const now = options.now ?? Date.now;
  const masterHash = masterKey === undefined ? undefined : hashKeySecret(masterKey);
  const adminHash = options.adminKey === undefined ? undefined : hashKeySecret(options.adminKey);
  const cache = new Map<string, CacheEntry>();
  const pending = new Map<string, Promise<VirtualKey | undefined>>();

  async function lookup(hash: string): Promise<VirtualKey | undefined> {
    const cached = cache.get(hash);
    if (cached !== undefined && now() - cached.fetchedAt < cacheMs) return cached.key;
    let fetching = pending.get(hash);
    if (fetching === undefined) {
      fetching = store.findByHash(hash).finally(() => pending.delete(hash));
      pending.set(hash, fetching);
    }
    const key = await fetching;
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { key, fetchedAt: now() });
    return key;
  }

  return {
    async authenticate(presented) {
      const hash = presented === undefined ? undefined : hashKeySecret(presented);
      if (hash !== undefined && adminHash !== undefined && hashesMatch(hash, adminHash)) return adminPrincipal;
      if (masterHash === undefined) return openPrincipal;
      if (presented === undefined || hash === undefined) throw invalidKeyError();
      if (hashesMatch(hash, masterHash)) return masterPrincipal;
      if (!looksLikeKeySecret(presented)) throw invalidKeyError();
      const key = await lookup(hash);
      if (key === undefined || !hashesMatch(key.hash, hash)) throw invalidKeyError();
      if (key.revokedAt !== undefined) {
        throw new GatewayError("authentication", `The Switchboard key "${key.name}" (${key.id}) was revoked.`);
      }
      if (key.expiresAt !== undefined && Date.parse(key.expiresAt) <= now()) {
        throw new GatewayError(
          "authentication",
          `The Switchboard key "${key.name}" (${key.id}) expired at ${key.expiresAt}.`,
        );
      }
      return { kind: "key", key };
    },
    invalidate(keyId) {
      for (const [hash, entry] of cache) if (entry.key?.id === keyId) cache.delete(hash);
    },
  };
}
