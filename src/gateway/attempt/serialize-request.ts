/**
 * A translated request's bytes, with the JSON of what is sent unchanged on every turn reused.
 *
 * A coding agent sends the same tools and system prompt on every turn, and they are most of its
 * body: Claude Code's 24 tools are about 54 KB of JSON schema and its system prompt 15 KB of a
 * 77 KB request; serialising the tools is three quarters of `JSON.stringify`'s 115 µs on that
 * body, and a prompt full of newlines and quotes costs 2 µs a kilobyte. So the bytes of the
 * values seen last are kept, and reused when the encoded value is the same: a walk that compares
 * tools costs about a fifth of serialising them, and equal strings compare as memory
 * (bench/RESULTS.md, session 4).
 *
 * The reused bytes are those `JSON.stringify` made for an equal value, so the body means the
 * same; only those members move to the end of the object, where the order of keys means nothing.
 */

import { sameJsonValue } from "../../lib/same-json-value.js";

/** What one cache entry holds: a value (to compare with) and its JSON bytes. */
interface Entry {
  value: unknown;
  json: Buffer;
}

/** Values kept at most per bucket (member and size); a new one pushes out the least recently used. */
const entriesPerBucket = 4;
/** Values kept at most in all (Claude Code's tools are 100–300 KB of heap, a system prompt 15–30 KB). */
const maximumEntries = 64;
/** A string shorter than this is serialised each time: a lookup would cost about as much. */
const shortestKeptString = 1024;

/**
 * Recently serialised values of the members a coding agent sends unchanged on every turn. One
 * per gateway process: every request of every client shares it, so a team on the same Claude
 * Code version shares one entry for its tools.
 */
export class JsonCache {
  private readonly buckets = new Map<string, Entry[]>();
  private entries = 0;

  /** How many values are kept. */
  get size(): number {
    return this.entries;
  }

  /** The JSON bytes of `value`: reused when an equal value of `member` was serialised lately, made otherwise. */
  json(member: string, value: unknown): Buffer {
    const bucket = `${member}:${sizeOf(value)}`;
    const entries = this.buckets.get(bucket);
    if (entries !== undefined) {
      for (let index = 0; index < entries.length; index += 1) {
        const entry = entries[index] as Entry;
        if (!sameJsonValue(entry.value, value)) continue;
        if (index > 0) entries.unshift(...entries.splice(index, 1));
        return entry.json;
      }
    }
    const json = Buffer.from(JSON.stringify(value));
    this.remember(bucket, value, json);
    return json;
  }

  private remember(bucket: string, value: unknown, json: Buffer): void {
    let entries = this.buckets.get(bucket);
    if (entries === undefined) {
      entries = [];
      this.buckets.set(bucket, entries);
    }
    entries.unshift({ value, json });
    this.entries += 1;
    if (entries.length > entriesPerBucket) {
      entries.pop();
      this.entries -= 1;
    }
    if (this.entries > maximumEntries) {
      // Past the cap, forget the buckets made first (a Map keeps the order of insertion).
      const [oldestBucket, oldest] = this.buckets.entries().next().value as [string, Entry[]];
      this.buckets.delete(oldestBucket);
      this.entries -= oldest.length;
    }
  }
}

/** What sorts values into buckets cheaply: a string's length, an array's, an object's number of keys. */
function sizeOf(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  return typeof value === "object" && value !== null ? Object.keys(value).length : 0;
}

/** Top-level members sent unchanged turn after turn: the tools, and the system prompt (Anthropic) or instructions (Responses). */
function isStable(member: string, value: unknown): boolean {
  if (member === "tools") return Array.isArray(value) && value.length > 0;
  if (member === "system") return typeof value === "string" ? value.length >= shortestKeptString : Array.isArray(value);
  if (member === "instructions") return typeof value === "string" && value.length >= shortestKeptString;
  return false;
}

/** A Chat body's system prompt: its first message, when that is a system or developer message. */
function leadingSystemMessage(messages: unknown): unknown {
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const first = messages[0] as { role?: unknown; content?: unknown } | null;
  if (typeof first !== "object" || first === null || (first.role !== "system" && first.role !== "developer"))
    return undefined;
  const { content } = first;
  return Array.isArray(content) || (typeof content === "string" && content.length >= shortestKeptString)
    ? first
    : undefined;
}

const sharedCache = new JsonCache();
const closingBrace = Buffer.from("}");

/**
 * The UTF-8 JSON of an encoded upstream body. The members sent unchanged on every turn (tools,
 * system prompt, instructions, a Chat body's leading system message) come from `cache` and are
 * appended after the others.
 */
export function serializeRequest(body: Record<string, unknown>, cache: JsonCache = sharedCache): Buffer {
  const rest: Record<string, unknown> = {};
  const stable: string[] = [];
  for (const key in body) {
    if (isStable(key, body[key])) stable.push(key);
    else rest[key] = body[key];
  }
  const messages = body["messages"];
  const system = leadingSystemMessage(messages);
  if (system !== undefined) delete rest["messages"];
  if (stable.length === 0 && system === undefined) return Buffer.from(JSON.stringify(body));
  const head = JSON.stringify(rest);
  // `head` is `{…}`: its closing brace is dropped, and each member follows a comma (none after an empty `{`).
  let glue = head.length > 2 ? `${head.slice(0, -1)},` : "{";
  const parts: Buffer[] = [];
  for (const key of stable) {
    parts.push(Buffer.from(`${glue}${JSON.stringify(key)}:`), cache.json(key, body[key]));
    glue = ",";
  }
  if (system !== undefined) {
    // `system` is defined only when `messages` is an array that starts with it.
    const list = messages as unknown[];
    parts.push(Buffer.from(`${glue}"messages":[`), cache.json("messages[0]", system));
    const others = list.length > 1 ? JSON.stringify(list.slice(1)) : "[]";
    parts.push(Buffer.from(others.length > 2 ? `,${others.slice(1)}` : "]"));
  }
  parts.push(closingBrace);
  return Buffer.concat(parts);
}
