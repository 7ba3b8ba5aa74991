import type { Kysely } from "kysely";
import { fromRequestRow, toRequestSummary } from "../request-row.js";
import type { RequestsTable, StoreDatabase } from "../schema.js";
import type { RequestListQuery, RequestPage } from "../usage-store.js";
import type { UsageRecord } from "../usage-record.js";

/** `next_before` is `<epoch ms>_<id>`: the last row of a page, so that equal times do not skip rows. */
export function parseCursor(before: string): { at: number; id?: string } | undefined {
  const separator = before.indexOf("_");
  const timeText = separator < 0 ? before : before.slice(0, separator);
  const at = /^\d+$/.test(timeText) ? Number(timeText) : Date.parse(timeText);
  if (!Number.isFinite(at)) return undefined;
  return separator < 0 ? { at } : { at, id: before.slice(separator + 1) };
}

/** The newest requests first, filtered, one page at a time (no bodies). */
export async function listRequests(db: Kysely<StoreDatabase>, query: RequestListQuery): Promise<RequestPage> {
  let select = db.selectFrom("requests").selectAll();
  if (query.before !== undefined) {
    const cursor = parseCursor(query.before);
    if (cursor !== undefined) {
      const { at, id } = cursor;
      select =
        id === undefined
          ? select.where("started_at", "<", at)
          : select.where((where) =>
              where.or([where("started_at", "<", at), where.and([where("started_at", "=", at), where("id", "<", id)])]),
            );
    }
  }
  if (query.model !== undefined) select = select.where("model", "=", query.model);
  if (query.provider !== undefined) select = select.where("provider", "=", query.provider);
  if (query.status !== undefined) select = select.where("status", "=", query.status);
  if (query.client !== undefined) select = select.where("client", "=", query.client);
  if (query.session !== undefined) select = select.where("session_id", "=", query.session);
  const rows = (await select
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute()) as RequestsTable[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    requests: page.map(toRequestSummary),
    next_before: rows.length > query.limit && last !== undefined ? `${Number(last.started_at)}_${last.id}` : null,
  };
}

/** One whole row, with its bodies when they were kept. */
export async function getRequest(db: Kysely<StoreDatabase>, id: string): Promise<UsageRecord | undefined> {
  const row = (await db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirst()) as
    RequestsTable | undefined;
  if (row === undefined) return undefined;
  const record = fromRequestRow(row);
  const bodies = await db
    .selectFrom("request_bodies")
    .select(["request_body", "response_body"])
    .where("request_id", "=", id)
    .executeTakeFirst();
  if (bodies !== undefined) {
    record.bodies = {};
    if (bodies.request_body !== null) record.bodies.request = bodies.request_body;
    if (bodies.response_body !== null) record.bodies.response = bodies.response_body;
  }
  return record;
}
