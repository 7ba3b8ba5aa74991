import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StreamPart } from "../../ir/stream-part.js";

/** Test helpers: a `.chunks.txt` fixture (one data payload a line, `#` comments) as SSE text, and IR parts made readable. */
export function fixtureSse(name: string): string {
  const text = readFileSync(join(import.meta.dirname, "__fixtures__", name), "utf8");
  return text
    .split("\n")
    .filter((line) => line.length > 0 && !line.startsWith("#"))
    .map((line) => `data: ${line}\n\n`)
    .join("");
}

export async function* chunksOf(...chunks: Array<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  yield* chunks;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** Error parts carry a `GatewayError`; snapshots show its code and message. */
export function readable(parts: StreamPart[]): unknown[] {
  return parts.map((part) => (part.type === "error" ? { type: "error", code: part.error.code, message: part.error.message } : part));
}
