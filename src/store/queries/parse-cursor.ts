// Apart from keyset-page.ts so that /api/requests can check a cursor without loading kysely (RSS with the store off).

/** `next_before` is `<epoch ms>_<id>`: the last row of a page, so that equal times do not skip rows. */
export function parseCursor(before: string): { at: number; id?: string } | undefined {
  const separator = before.indexOf("_");
  const timeText = separator < 0 ? before : before.slice(0, separator);
  const at = /^\d+$/.test(timeText) ? Number(timeText) : Date.parse(timeText);
  if (!Number.isFinite(at)) return undefined;
  return separator < 0 ? { at } : { at, id: before.slice(separator + 1) };
}
