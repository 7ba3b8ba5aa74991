import { join } from "node:path";
import { mkdirSync } from "node:fs";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { createKeysTable, createSqlKeyStore, type KeysDatabase } from "./sql-key-store.js";
import type { KeyStore } from "./key-store.js";

/**
 * Opens the keys' database: PostgreSQL for a `postgres://` URL (shared by replicas), else a SQLite
 * file (default `<config dir>/switchboard.db`). Until the usage store's database is merged in,
 * this opens its own connection; then the store's `db` and migration list take its place.
 */
export async function openKeyStore(options: { databaseUrl: string | undefined; configDir: string }): Promise<KeyStore> {
  const url = options.databaseUrl;
  let db: Kysely<KeysDatabase>;
  if (url !== undefined && /^postgres(ql)?:\/\//.test(url)) {
    db = new Kysely<KeysDatabase>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }),
    });
  } else {
    const file = url?.replace(/^sqlite:(\/\/)?/, "") ?? join(options.configDir, "switchboard.db");
    if (url === undefined) mkdirSync(options.configDir, { recursive: true, mode: 0o700 });
    db = new Kysely<KeysDatabase>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
  }
  await createKeysTable(db as Kysely<unknown>);
  return createSqlKeyStore(db, { closeDatabase: true });
}
