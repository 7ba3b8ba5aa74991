import { sql, type Kysely } from "kysely";
import type { KeyStore } from "./key-store.js";
import type { KeyLimits, VirtualKey } from "./virtual-key.js";

/** The row of `switchboard_keys`: lists and limits as JSON text (the same in SQLite and PostgreSQL). */
export interface KeyRow {
  id: string;
  name: string;
  hash: string;
  hint: string;
  models: string | null;
  /** The key's MCP grants as a JSON list; null: none (the column came with migration 0003-keys-mcp). */
  mcp: string | null;
  limits: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface KeysDatabase {
  switchboard_keys: KeyRow;
}

/** Creates the keys table (the migration registered in the usage store's list). */
export async function createKeysTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("switchboard_keys")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("hash", "text", (column) => column.notNull().unique())
    .addColumn("hint", "text", (column) => column.notNull())
    .addColumn("models", "text")
    .addColumn("limits", "text", (column) => column.notNull())
    .addColumn("created_at", "text", (column) => column.notNull())
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
}

function toRow(key: VirtualKey): KeyRow {
  return {
    id: key.id,
    name: key.name,
    hash: key.hash,
    hint: key.hint,
    models: key.models === undefined ? null : JSON.stringify(key.models),
    mcp: key.mcp === undefined ? null : JSON.stringify(key.mcp),
    limits: JSON.stringify(key.limits),
    created_at: key.createdAt,
    expires_at: key.expiresAt ?? null,
    revoked_at: key.revokedAt ?? null,
  };
}

function fromRow(row: KeyRow): VirtualKey {
  const key: VirtualKey = {
    id: row.id,
    name: row.name,
    hash: row.hash,
    hint: row.hint,
    limits: JSON.parse(row.limits) as KeyLimits,
    createdAt: row.created_at,
  };
  if (row.models !== null) key.models = JSON.parse(row.models) as string[];
  if (row.mcp !== null) key.mcp = JSON.parse(row.mcp) as string[];
  if (row.expires_at !== null) key.expiresAt = row.expires_at;
  if (row.revoked_at !== null) key.revokedAt = row.revoked_at;
  return key;
}

/** Keys in the store's database (SQLite or PostgreSQL), shared by every replica using it. */
export function createSqlKeyStore(db: Kysely<KeysDatabase>, options: { closeDatabase?: boolean } = {}): KeyStore {
  const table = "switchboard_keys" as const;
  return {
    async insert(key) {
      await db.insertInto(table).values(toRow(key)).execute();
    },
    async list() {
      const rows = await db.selectFrom(table).selectAll().orderBy("created_at").execute();
      return rows.map(fromRow);
    },
    async get(id) {
      const row = await db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async findByHash(hash) {
      const row = await db.selectFrom(table).selectAll().where("hash", "=", hash).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async replace(key) {
      const { id, ...rest } = toRow(key);
      const result = await db.updateTable(table).set(rest).where("id", "=", id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async close() {
      if (options.closeDatabase === true) await db.destroy();
    },
  };
}

/** Whether the database answers (for tests that must skip without PostgreSQL). */
export async function databaseAnswers(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
