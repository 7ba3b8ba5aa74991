import type { KeyStore } from "./key-store.js";
import type { VirtualKey } from "./virtual-key.js";

/** Keys in a Map: tests, and a gateway without a database. */
export function createMemoryKeyStore(): KeyStore {
  const keys = new Map<string, VirtualKey>();
  return {
    insert: async (key) => void keys.set(key.id, structuredClone(key)),
    list: async () => [...keys.values()].map((key) => structuredClone(key)),
    get: async (id) => {
      const key = keys.get(id);
      return key === undefined ? undefined : structuredClone(key);
    },
    findByHash: async (hash) => {
      for (const key of keys.values()) if (key.hash === hash) return structuredClone(key);
      return undefined;
    },
    replace: async (key) => {
      if (!keys.has(key.id)) return false;
      keys.set(key.id, structuredClone(key));
      return true;
    },
    close: async () => undefined,
  };
}
