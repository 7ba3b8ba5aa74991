import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { StoreDatabase } from "../schema.js";

/**
 * Opens (creating it and its folder) the embedded database. WAL lets the admin API read while a
 * batch is written; `synchronous = NORMAL` keeps every committed batch across a process crash
 * (only a power loss can take the last one) at a fraction of FULL's fsyncs.
 */
export function openSqlite(path: string): Kysely<StoreDatabase> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
}
