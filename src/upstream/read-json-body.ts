import type { Readable } from "node:stream";
import { parseJson } from "../lib/parse-json.js";
import { readBoundedText } from "./read-bounded-text.js";

/**
 * The most a small JSON answer (a model list, a token exchange, the device flow) may take. Far
 * above any real answer; it only stops a broken or hostile upstream from filling memory.
 */
const jsonBodyLimit = 8 * 1024 * 1024;

/** Reads a whole small JSON answer; undefined when it is not JSON (or exceeds the limit). */
export async function readJsonBody(body: Readable): Promise<unknown> {
  return parseJson(await readBoundedText(body, jsonBodyLimit));
}
