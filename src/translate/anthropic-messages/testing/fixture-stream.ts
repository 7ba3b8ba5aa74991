import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSse, type SseEvent } from "../../../lib/sse.js";
import { collect, fromArray } from "../../testing/async-iterables.js";

/** Test support: turns a `.chunks.txt` fixture (one JSON event per line, `#` comments) into SSE text. */
export function fixtureSse(name: string): string {
  const path = fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join("");
}

export { collect, fromArray as fromChunks };

export function sseEvents(text: string | Uint8Array[]): AsyncIterable<SseEvent> {
  return parseSse(typeof text === "string" ? fromArray([text]) : fromArray(text));
}
