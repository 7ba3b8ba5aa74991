import type { Extensions } from "../../ir/extensions.js";

/** Our key in every IR `extensions` bag. */
export const extensionKey = "openai-responses";

/** This protocol's extension data on an IR object, or an empty record. */
export function readExtension(owner: { extensions?: Extensions } | undefined): Record<string, unknown> {
  return owner?.extensions?.[extensionKey] ?? {};
}

/** An `extensions` bag holding `data` under our key, or undefined when there is nothing worth keeping. */
export function makeExtensions(data: Record<string, unknown>): Extensions | undefined {
  // Loops, not `Object.entries`: this runs for every tool and input item of every Codex request.
  let kept: Record<string, unknown> | undefined;
  for (const key in data) {
    const value = data[key];
    if (value !== undefined && Object.hasOwn(data, key)) setOwn((kept ??= {}), key, value);
  }
  return kept === undefined ? undefined : { [extensionKey]: kept };
}

/** The fields of a wire object we do not translate, so an encoder back to Responses can restore them. */
export function extraFields(
  value: Record<string, unknown>,
  known: readonly string[],
): Record<string, unknown> | undefined {
  let rest: Record<string, unknown> | undefined;
  for (const key in value) {
    const field = value[key];
    if (field !== undefined && !known.includes(key) && Object.hasOwn(value, key)) setOwn((rest ??= {}), key, field);
  }
  return rest;
}

/**
 * Sets an own property, also for a key spelled `__proto__` (JSON.parse makes that an own field of
 * a client's object): a plain assignment would set the new object's prototype and lose the field.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export { withExtensions } from "../shared/with-extensions.js";

export { isRecord } from "../../lib/is-record.js";
