// Apart from keyset-page.ts so that /api/requests can check a cursor without loading kysely (RSS with the store off).

const isoTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Epoch milliseconds (digits only) or an ISO 8601 date or time of a day that exists: NaN for
 * anything else (`Date.parse` alone would take 2026-02-30 as March 2 and "-1" as a year).
 */
export function parseTimeText(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const match = isoTime.exec(text);
  if (match === null) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return Number.NaN;
  return Date.parse(text);
}

/** `next_before` is `<epoch ms>_<id>`: the last row of a page, so that equal times do not skip rows. */
export function parseCursor(before: string): { at: number; id?: string } | undefined {
  const separator = before.indexOf("_");
  const timeText = separator < 0 ? before : before.slice(0, separator);
  const at = parseTimeText(timeText);
  if (!Number.isFinite(at)) return undefined;
  return separator < 0 ? { at } : { at, id: before.slice(separator + 1) };
}
