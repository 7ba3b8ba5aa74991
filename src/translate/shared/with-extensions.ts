import type { Extensions } from "../../ir/extensions.js";

/** Attaches `extensions` only when there are some, so decoded IR stays free of empty bags. */
export function withExtensions<T extends object>(
  value: T,
  extensions: Extensions | undefined,
): T & { extensions?: Extensions } {
  return extensions === undefined ? value : { ...value, extensions };
}
