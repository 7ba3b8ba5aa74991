import type { Extensions } from "../../ir/extensions.js";
import { pickOwnFields } from "../shared/own-fields.js";

/** Our key in every IR `extensions` bag. */
export const extensionKey = "openai-responses";

/** This protocol's extension data on an IR object, or an empty record. */
export function readExtension(owner: { extensions?: Extensions } | undefined): Record<string, unknown> {
  return owner?.extensions?.[extensionKey] ?? {};
}

/** An `extensions` bag holding `data` under our key, or undefined when there is nothing worth keeping. */
export function makeExtensions(data: Record<string, unknown>): Extensions | undefined {
  const kept = pickOwnFields(data, (_key, value) => value !== undefined);
  return kept === undefined ? undefined : { [extensionKey]: kept };
}

/** The fields of a wire object we do not translate, so an encoder back to Responses can restore them. */
export function extraFields(
  value: Record<string, unknown>,
  known: readonly string[],
): Record<string, unknown> | undefined {
  return pickOwnFields(value, (key, field) => field !== undefined && !known.includes(key));
}

export { withExtensions } from "../shared/with-extensions.js";

export { isRecord } from "../../lib/is-record.js";
