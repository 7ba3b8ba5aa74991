import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSse, type SseEvent } from "../../lib/sse.js";

/** Test support: turns a `.chunks.txt` fixture (one JSON event per line, `#` comments) into SSE text. */
export function fixtureSse(name: string): string {
  const path = fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join("");
}

export async function* fromChunks<T>(chunks: Iterable<T>): AsyncGenerator<T> {
  for (const chunk of chunks) yield chunk;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

export function sseEvents(text: string | Uint8Array[]): AsyncIterable<SseEvent> {
  return parseSse(typeof text === "string" ? fromChunks([text]) : fromChunks(text));
}
