import type { Request } from "../../ir/request.js";
import { isRecord } from "../../lib/is-record.js";

/**
 * Top-level fields that only steer OpenAI's own service: another upstream has nothing to do with
 * them, so dropping them is no loss worth a warning (Codex sends `store`, `include`,
 * `prompt_cache_key` and `client_metadata` on every request).
 */
const serviceOnlyFields = new Set([
  "store",
  "include",
  "prompt_cache_key",
  "prompt_cache_retention",
  "client_metadata",
  "metadata",
  "service_tier",
  "user",
  "safety_identifier",
  "tool_choice",
  "stream_options",
]);

function keysOf(value: unknown, prefix = ""): string[] {
  return isRecord(value) ? Object.keys(value).map((key) => `${prefix}${key}`) : [];
}

/**
 * The decoder keeps untranslated top-level fields under `fields`, and untranslated keys of `text`
 * and `reasoning` under `textFields` / `reasoningFields`; its other keys (stray input items,
 * additional_tools details) are only for re-encoding to Responses and are warned about when decoded.
 */
export function untranslatedFeatures(request: Request): string[] {
  const own = request.extensions?.["openai-responses"];
  if (own === undefined) return [];
  return [
    ...keysOf(own["fields"]).filter((key) => !serviceOnlyFields.has(key)),
    ...keysOf(own["textFields"], "text."),
    ...keysOf(own["reasoningFields"], "reasoning."),
  ];
}
