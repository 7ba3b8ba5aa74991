import { createHash } from "node:crypto";
import { minimumCacheableTokens } from "../../src/translate/anthropic-messages/minimum-cacheable-tokens.js";
import type { FakeUsage } from "./types.js";

/**
 * Anthropic's prompt cache, modelled after its documentation (platform.claude.com, prompt caching):
 * - the prompt is tools, then system, then messages, as a list of blocks; a block carrying
 *   `cache_control` (or the last block, for the top-level `cache_control` of automatic caching) is
 *   a breakpoint; more than 4 is a 400;
 * - an entry is the exact prefix up to a breakpoint (the `cache_control` markers themselves are not
 *   part of it) and is written only when that prefix reaches the model's minimum length;
 * - a request reads the longest live entry found at one of its breakpoints or up to 20 blocks
 *   before one (the documented look-back);
 * - entries live 5 minutes (or `ttl: "1h"`) from their last use;
 * - usage: `cache_read_input_tokens` the prefix read, `cache_creation_input_tokens` what was written
 *   past it up to the last breakpoint, `input_tokens` the rest (cached tokens excluded).
 * Tokens are counted as 4 characters of each block's JSON. Entries are per model.
 */
export interface FakePromptCacheOptions {
  now?: () => number;
}

export type CacheAccount = Required<Pick<FakeUsage, "inputTokens" | "cacheReadTokens" | "cacheWriteTokens">>;

interface Block {
  hash: string;
  /** Tokens of the prompt up to and including this block. */
  total: number;
  ttlMs?: number;
}

const lookBackBlocks = 20;
const maximumBreakpoints = 4;
const ttls: Record<string, number> = { "5m": 5 * 60_000, "1h": 60 * 60_000 };

export class FakePromptCache {
  /** Prefix key → when it expires and its time to live (ms). */
  private readonly entries = new Map<string, { expiry: number; ttlMs: number }>();
  private readonly now: () => number;

  constructor(options: FakePromptCacheOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The usage of one Messages request, or the 400 message Anthropic gives for too many breakpoints. */
  account(body: Record<string, unknown>): CacheAccount | { error: string } {
    const model = String(body["model"]);
    const blocks = promptBlocks(body);
    const breakpoints = blocks.flatMap((block, index) => (block.ttlMs === undefined ? [] : [index]));
    if (breakpoints.length > maximumBreakpoints) {
      return {
        error: `A maximum of ${maximumBreakpoints} blocks with cache_control may be provided. Found ${breakpoints.length}.`,
      };
    }
    const now = this.now();
    const key = (index: number) => `${model}:${(blocks[index] as Block).hash}`;
    let read = -1;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index >= Math.max(0, breakpoint - lookBackBlocks); index -= 1) {
        const entry = this.entries.get(key(index));
        if (entry !== undefined && entry.expiry > now && index > read) read = index;
      }
    }
    // Reading an entry refreshes its time to live.
    const hit = read < 0 ? undefined : this.entries.get(key(read));
    if (hit !== undefined) hit.expiry = now + hit.ttlMs;
    const readTokens = read < 0 ? 0 : (blocks[read] as Block).total;
    const minimum = minimumCacheableTokens(model);
    let written = read;
    for (const breakpoint of breakpoints) {
      const block = blocks[breakpoint] as Block;
      if (block.total < minimum) continue;
      // Writing a prefix again (or reading it) refreshes its time to live.
      const ttlMs = block.ttlMs as number;
      this.entries.set(key(breakpoint), { expiry: now + ttlMs, ttlMs });
      if (breakpoint > written) written = breakpoint;
    }
    const total = blocks.at(-1)?.total ?? 0;
    const writeTokens = written < 0 ? 0 : (blocks[written] as Block).total - readTokens;
    return { inputTokens: total, cacheReadTokens: readTokens, cacheWriteTokens: writeTokens };
  }
}

/** tools → system → messages, each block hashed together with everything before it. */
function promptBlocks(body: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  const hash = createHash("sha256");
  let total = 0;
  const add = (kind: string, value: unknown) => {
    const { cache_control: cacheControl, ...rest } = (value ?? {}) as Record<string, unknown>;
    const text = `${kind}:${JSON.stringify(rest)}`;
    hash.update(text);
    total += Math.ceil(text.length / 4);
    const block: Block = { hash: hash.copy().digest("hex"), total };
    if (isRecord(cacheControl)) block.ttlMs = ttls[String(cacheControl["ttl"] ?? "5m")] ?? ttls["5m"];
    blocks.push(block);
  };
  for (const tool of asList(body["tools"])) add("tool", tool);
  const system = body["system"];
  for (const block of typeof system === "string" ? [{ type: "text", text: system }] : asList(system))
    add("system", block);
  for (const message of asList(body["messages"])) {
    const { role, content } = message as { role: string; content: unknown };
    // A string is one text block: both forms make the same prompt.
    for (const block of typeof content === "string" ? [{ type: "text", text: content }] : asList(content))
      add(role, block);
  }
  // Automatic caching: a top-level `cache_control` is a breakpoint on the last block.
  const automatic = body["cache_control"];
  const last = blocks.at(-1);
  if (isRecord(automatic) && last !== undefined && last.ttlMs === undefined)
    last.ttlMs = ttls[String(automatic["ttl"] ?? "5m")] ?? ttls["5m"];
  return blocks;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
