import type { Extensions } from "../../ir/extensions.js";
import { pickOwnFields } from "../shared/own-fields.js";

/**
 * Fields of a wire object that the IR has no name for (`cache_control`, `citations`, a tool's
 * `defer_loading`, …) ride along in `extensions["anthropic-messages"]` and are put back as they were.
 */
export function extraFields(wire: object, known: readonly string[]): Extensions | undefined {
  // `null` (e.g. a response's `citations: null`) means "none" on this wire and needs no carrying.
  const extra = pickOwnFields(wire, (key, value) => value != null && !known.includes(key));
  return extra === undefined ? undefined : { "anthropic-messages": extra };
}

/** Our own extension fields of an IR object; other protocols' extensions are not ours to send. */
export function ownFields(extensions: Extensions | undefined): Record<string, unknown> {
  return extensions?.["anthropic-messages"] ?? {};
}

export { withExtensions } from "../shared/with-extensions.js";
