/**
 * Text as both engines store it: NUL, which PostgreSQL refuses in any text value (the whole row
 * would be dropped), becomes U+FFFD. Everything else is kept as it is.
 */
export function storableText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}

/** Makes every text value in a record, its lists and nested objects storable, in place. */
export function makeTextStorable(value: Record<string, unknown> | unknown[]): void {
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? [...value.entries()]
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item === "string") {
      const safe = storableText(item);
      if (safe !== item) (value as Record<string | number, unknown>)[key] = safe;
    } else if (typeof item === "object" && item !== null) {
      makeTextStorable(item as Record<string, unknown>);
    }
  }
}
