import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { StoreMigration } from "../store/migrations/store-migration.js";
import { keysetPage, olderThan } from "../store/queries/keyset-page.js";
import { storableText } from "../store/storable-text.js";
import type { McpCallRecord } from "./mcp-call-record.js";

/** One tool call through `/mcp` (times in epoch ms; the same columns on SQLite and PostgreSQL). */
export interface McpCallRow {
  id: string;
  started_at: number;
  server: string;
  tool: string;
  key_id: string;
  session_id: string | null;
  duration_ms: number;
  status: string;
  error_code: number | null;
  error: string | null;
}

export interface McpCallsDatabase {
  mcp_calls: McpCallRow;
}

/** The tool calls' table, in the usage store's database (registered in the store's migration list). */
export const mcpCallsMigration: StoreMigration = {
  name: "0004-mcp-calls",
  async up(db) {
    await db.schema
      .createTable("mcp_calls")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("started_at", "bigint", (column) => column.notNull())
      .addColumn("server", "text", (column) => column.notNull())
      .addColumn("tool", "text", (column) => column.notNull())
      .addColumn("key_id", "text", (column) => column.notNull())
      .addColumn("session_id", "text")
      .addColumn("duration_ms", "integer", (column) => column.notNull())
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("error_code", "integer")
      .addColumn("error", "text")
      .execute();
    // The list pages newest first, optionally for one server (and tool).
    await db.schema.createIndex("mcp_calls_started_at").on("mcp_calls").columns(["started_at", "id"]).execute();
    await db.schema.createIndex("mcp_calls_server").on("mcp_calls").columns(["server", "tool", "started_at"]).execute();
  },
};

// Errors from servers can be long (stack traces); the row keeps the start.
const errorMaxChars = 2_000;

export function toMcpCallRow(record: McpCallRecord): McpCallRow {
  return {
    id: randomUUID(),
    started_at: Date.parse(record.startedAt),
    server: storableText(record.server),
    tool: storableText(record.tool),
    key_id: storableText(record.keyId),
    session_id: record.sessionId === undefined ? null : storableText(record.sessionId),
    duration_ms: Math.round(record.durationMs),
    status: record.status,
    error_code: record.errorCode ?? null,
    error: record.error === undefined ? null : storableText(record.error.slice(0, errorMaxChars)),
  };
}

export async function insertMcpCalls(db: Kysely<McpCallsDatabase>, rows: McpCallRow[]): Promise<void> {
  if (rows.length === 0) return;
  // A batch retried after an unclear failure must not fail on its own earlier rows.
  await db
    .insertInto("mcp_calls")
    .values(rows)
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
}

export interface McpCallQuery {
  limit: number;
  /** The `next_before` of a previous page, or an ISO time or epoch ms bound. */
  before?: string;
  server?: string;
  tool?: string;
}

/** One row of `/api/mcp/calls` (snake_case: the HTTP shape): the stored row, its start as an ISO time. */
export type McpCallSummary = Omit<McpCallRow, "started_at"> & { started_at: string };

/** The newest calls first, one page at a time. */
export async function listMcpCalls(
  db: Kysely<McpCallsDatabase>,
  query: McpCallQuery,
): Promise<{ calls: McpCallSummary[]; next_before: string | null }> {
  let select = db.selectFrom("mcp_calls").selectAll();
  const older = olderThan(query.before);
  if (older !== undefined) select = select.where(older);
  if (query.server !== undefined) select = select.where("server", "=", query.server);
  if (query.tool !== undefined) select = select.where("tool", "=", query.tool);
  const rows = await select
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const { page, nextBefore } = keysetPage(rows, query.limit);
  return {
    calls: page.map((row) => ({
      ...row,
      // PostgreSQL returns bigint as text.
      started_at: new Date(Number(row.started_at)).toISOString(),
      duration_ms: Number(row.duration_ms),
      error_code: row.error_code === null ? null : Number(row.error_code),
    })),
    next_before: nextBefore,
  };
}

/** Deletes calls older than the store's retention; returns how many went. */
export async function pruneMcpCalls(db: Kysely<McpCallsDatabase>, cutoff: number): Promise<number> {
  const result = await db.deleteFrom("mcp_calls").where("started_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
