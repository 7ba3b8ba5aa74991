// Helpers for this folder's tests only: reading fixtures and driving async iterables.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatSse, type SseEvent } from "../../../lib/sse.js";

const fixtureDirectory = fileURLToPath(new URL("../__fixtures__/", import.meta.url));

export function readJsonFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fixtureDirectory + name, "utf8")) as Record<string, unknown>;
}

/** A `.chunks.txt` fixture: one JSON event per line; lines starting with `#` say where it came from. */
export function readChunkEvents(name: string): SseEvent[] {
  return readFileSync(fixtureDirectory + name, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => ({ event: (JSON.parse(line) as { type: string }).type, data: line }));
}

export function readChunksAsSse(name: string): string {
  return readChunkEvents(name)
    .map((event) => formatSse(event.event, event.data))
    .join("");
}

export { collect, fromArray } from "../../testing/async-iterables.js";

/**
 * The value of one field of an SSE frame, or undefined. Lines are split only where SSE splits them (CR, LF):
 * a regular expression's `.` also stops at U+2028 and U+2029, which JSON leaves unescaped inside strings.
 */
export function sseField(frame: string, name: string): string | undefined {
  const prefix = `${name}: `;
  return frame
    .split(/\r\n|\r|\n/)
    .find((line) => line.startsWith(prefix))
    ?.slice(prefix.length);
}

/** Parses encoded SSE frames back into `{ event, data }` objects for assertions. */
export function parseFrames(frames: readonly string[]): Array<{ event: string; data: Record<string, unknown> }> {
  return frames.map((frame) => ({
    event: sseField(frame, "event") ?? "",
    data: JSON.parse(sseField(frame, "data") ?? "{}") as Record<string, unknown>,
  }));
}
