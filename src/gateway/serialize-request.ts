/**
 * A translated request's bytes, with the JSON of its tools reused across requests.
 *
 * A coding agent sends the same tools on every turn, and they are most of its body: Claude
 * Code's 24 tools are about 54 KB of JSON schema in a 77 KB request, and serialising them is
 * three quarters of `JSON.stringify`'s 115 µs on that body. So the bytes of the tool lists seen
 * last are kept, and reused when the encoded tools are the same value: a walk that compares
 * them costs about a fifth of serialising them (bench/RESULTS.md, session 4).
 *
 * The reused bytes are those `JSON.stringify` made for an equal value, so the body means the
 * same; only `tools` moves to the end of the object, where the order of keys means nothing.
 */

import { sameJsonValue } from "../lib/same-json-value.js";

/** What one cache entry holds: the encoded tools (to compare with) and their JSON bytes. */
interface ToolsEntry {
  tools: unknown[];
  json: Buffer;
}

/** Tool lists of one length kept at most; a new one pushes out the least recently used. */
const entriesPerLength = 4;
/** Tool lists kept at most in all (each holds its encoded tools: 100–300 KB of heap for Claude Code's). */
const maximumEntries = 32;

/**
 * Recently serialised tool lists. One per gateway process: every request of every client shares
 * it, so a team on the same Claude Code version shares one entry.
 */
export class ToolsJsonCache {
  private readonly byLength = new Map<number, ToolsEntry[]>();
  private entries = 0;

  /** How many tool lists are kept. */
  get size(): number {
    return this.entries;
  }

  /** The JSON bytes of `tools`: reused when an equal list was serialised lately, made otherwise. */
  json(tools: unknown[]): Buffer {
    const entries = this.byLength.get(tools.length);
    if (entries !== undefined) {
      for (let index = 0; index < entries.length; index += 1) {
        const entry = entries[index] as ToolsEntry;
        if (!sameJsonValue(entry.tools, tools)) continue;
        if (index > 0) entries.unshift(...entries.splice(index, 1));
        return entry.json;
      }
    }
    const json = Buffer.from(JSON.stringify(tools));
    this.remember(tools, json);
    return json;
  }

  private remember(tools: unknown[], json: Buffer): void {
    let entries = this.byLength.get(tools.length);
    if (entries === undefined) {
      entries = [];
      this.byLength.set(tools.length, entries);
    }
    entries.unshift({ tools, json });
    this.entries += 1;
    if (entries.length > entriesPerLength) {
      entries.pop();
      this.entries -= 1;
    }
    if (this.entries > maximumEntries) {
      // Past the cap, forget the lengths seen first (a Map keeps the order of insertion).
      const [oldestLength, oldest] = this.byLength.entries().next().value as [number, ToolsEntry[]];
      this.byLength.delete(oldestLength);
      this.entries -= oldest.length;
    }
  }
}

const sharedCache = new ToolsJsonCache();

/**
 * The UTF-8 JSON of an encoded upstream body. A body with tools is serialised without them and
 * the tools' bytes (from `cache`) are appended as its last member.
 */
export function serializeRequest(body: Record<string, unknown>, cache: ToolsJsonCache = sharedCache): Buffer {
  const { tools } = body;
  if (!Array.isArray(tools) || tools.length === 0) return Buffer.from(JSON.stringify(body));
  const rest: Record<string, unknown> = {};
  for (const key in body) if (key !== "tools") rest[key] = body[key];
  const head = JSON.stringify(rest);
  // `head` is `{…}`: drop its closing brace, then `,"tools":[…]}` (no comma after an empty `{`).
  const opening = head.length > 2 ? `${head.slice(0, -1)},"tools":` : '{"tools":';
  return Buffer.concat([Buffer.from(opening), cache.json(tools), closingBrace]);
}

const closingBrace = Buffer.from("}");
