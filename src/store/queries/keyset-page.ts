import { sql, type RawBuilder, type SqlBool } from "kysely";
import { parseCursor } from "./parse-cursor.js";

/**
 * The rows after `before` in newest-first order, for any table keyed by `started_at` and `id`
 * (requests, MCP calls); undefined when there is no cursor, or one that does not parse.
 */
export function olderThan(before: string | undefined): RawBuilder<SqlBool> | undefined {
  const cursor = before === undefined ? undefined : parseCursor(before);
  if (cursor === undefined) return undefined;
  const { at, id } = cursor;
  return id === undefined
    ? sql<SqlBool>`started_at < ${at}`
    : sql<SqlBool>`(started_at < ${at} or (started_at = ${at} and id < ${id}))`;
}

/** A page of `limit` rows out of `limit + 1` read, and the cursor of the next page when there is one. */
export function keysetPage<Row extends { started_at: number | string; id: string }>(
  rows: Row[],
  limit: number,
): { page: Row[]; nextBefore: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    page,
    nextBefore: rows.length > limit && last !== undefined ? `${Number(last.started_at)}_${last.id}` : null,
  };
}
