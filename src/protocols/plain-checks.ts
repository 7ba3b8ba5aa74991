/**
 * The small predicates the protocols' plain request checks (`accepts-plainly.ts`) are written
 * with: each answers for one JSON value, with no allocation, so a 77 KB body is checked in
 * microseconds.
 */
export { isRecord as isObject } from "../lib/is-record.js";

export const isString = (value: unknown): value is string => typeof value === "string";
export const isOptionalString = (value: unknown) => value === undefined || typeof value === "string";
export const isOptionalNumber = (value: unknown) => value === undefined || typeof value === "number";
export const isOptionalInteger = (value: unknown) => value === undefined || Number.isSafeInteger(value);
export const isNullish = (value: unknown) => value === undefined || value === null;

/** `Array.prototype.every` skips holes; this reads every index, so a sparse array is never waved through. */
export function everyItem(value: unknown, accepted: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!accepted(value[index])) return false;
  return true;
}
