import type { Kysely } from "kysely";
import { fromRequestRow, toRequestSummary } from "../request-row.js";
import type { RequestsTable, StoreDatabase } from "../schema.js";
import type { RequestListQuery, RequestPage } from "../usage-store.js";
import type { UsageRecord } from "../usage-record.js";
import { keysetPage, olderThan } from "./keyset-page.js";

/** The newest requests first, filtered, one page at a time (no bodies). */
export async function listRequests(db: Kysely<StoreDatabase>, query: RequestListQuery): Promise<RequestPage> {
  let select = db.selectFrom("requests").selectAll();
  const older = olderThan(query.before);
  if (older !== undefined) select = select.where(older);
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
  const { page, nextBefore } = keysetPage(rows, query.limit);
  return { requests: page.map(toRequestSummary), next_before: nextBefore };
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
