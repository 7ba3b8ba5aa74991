import type { Extensions } from "../../ir/extensions.js";

/** Our key in every IR `extensions` bag. */
export const extensionKey = "openai-responses";

/** This protocol's extension data on an IR object, or an empty record. */
export function readExtension(owner: { extensions?: Extensions } | undefined): Record<string, unknown> {
  return owner?.extensions?.[extensionKey] ?? {};
}

/** An `extensions` bag holding `data` under our key, or undefined when there is nothing worth keeping. */
export function makeExtensions(data: Record<string, unknown>): Extensions | undefined {
  const kept = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
  return Object.keys(kept).length === 0 ? undefined : { [extensionKey]: kept };
}

/** The fields of a wire object we do not translate, so an encoder back to Responses can restore them. */
export function extraFields(
  value: Record<string, unknown>,
  known: readonly string[],
): Record<string, unknown> | undefined {
  const rest: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!known.includes(key) && field !== undefined) rest[key] = field;
  return Object.keys(rest).length === 0 ? undefined : rest;
}

export { withExtensions } from "../shared/with-extensions.js";

export { isRecord } from "../../lib/is-record.js";
