import type { Redis } from "ioredis";

/** An answer as kept: whole (JSON or bytes) or the stream's chunks, replayed as a stream. */
export interface CachedAnswer {
  status: number;
  contentType: string;
  kind: "whole" | "stream";
  chunks: Buffer[];
}

export interface CacheStorage {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** In memory, least recently used first out past `maxEntries`. */
export function createMemoryCacheStorage(options: { maxEntries: number; now?: () => number }): CacheStorage {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { answer: CachedAnswer; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.answer;
    },
    async set(key, answer, ttlMs) {
      entries.delete(key);
      entries.set(key, { answer, expiresAt: now() + ttlMs });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    close: async () => undefined,
  };
}

interface StoredAnswer {
  status: number;
  contentType: string;
  kind: "whole" | "stream";
  chunks: string[];
}

/** In Redis (shared by replicas), with Redis's own expiry. */
export function createRedisCacheStorage(options: { redis: Redis; prefix: string; close?: () => void }): CacheStorage {
  const { redis, prefix } = options;
  return {
    async get(key) {
      const text = await redis.get(`${prefix}cache:${key}`);
      if (text === null) return undefined;
      const stored = JSON.parse(text) as StoredAnswer;
      return { ...stored, chunks: stored.chunks.map((chunk) => Buffer.from(chunk, "base64")) };
    },
    async set(key, answer, ttlMs) {
      const stored: StoredAnswer = { ...answer, chunks: answer.chunks.map((chunk) => chunk.toString("base64")) };
      await redis.set(`${prefix}cache:${key}`, JSON.stringify(stored), "PX", Math.max(1, Math.round(ttlMs)));
    },
    close: async () => options.close?.(),
  };
}
