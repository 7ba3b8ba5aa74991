import { sql, type Kysely } from "kysely";
import type { StoreEngine } from "../usage-store.js";
import type { StoreMigration } from "./store-migration.js";

/** The database holds migrations this binary does not know: it was written by a newer Switchboard. */
export class StoreTooNewError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `The usage database was migrated by a newer Switchboard (it has ${unknownMigrations.join(", ")}, which this ` +
        `version does not know). Upgrade Switchboard, or point store.url (or store.path) at another database.`,
    );
    this.name = "StoreTooNewError";
  }
}

// Any fixed number: gateways sharing one PostgreSQL database migrate one at a time.
const migrationLockId = 7_302_023;

/**
 * Applies the migrations not yet applied, each in its own transaction, and refuses (throws
 * `StoreTooNewError`) when the database has one this binary does not know. Returns the names applied.
 */
export async function runMigrations(options: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  engine: StoreEngine;
  migrations: StoreMigration[];
}): Promise<string[]> {
  const { db, engine, migrations } = options;
  await db.schema
    .createTable("switchboard_migrations")
    .ifNotExists()
    .addColumn("name", "text", (column) => column.primaryKey())
    .addColumn("applied_at", "bigint", (column) => column.notNull())
    .execute();
  return db.transaction().execute(async (transaction) => {
    if (engine === "postgres") await sql`select pg_advisory_xact_lock(${migrationLockId})`.execute(transaction);
    const rows = (await transaction.selectFrom("switchboard_migrations").select("name").execute()) as Array<{
      name: string;
    }>;
    const applied = new Set(rows.map((row) => row.name));
    const known = new Set(migrations.map((migration) => migration.name));
    const unknown = [...applied].filter((name) => !known.has(name)).sort();
    if (unknown.length > 0) throw new StoreTooNewError(unknown);
    const done: string[] = [];
    for (const migration of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
      if (applied.has(migration.name)) continue;
      await migration.up(transaction, engine);
      await transaction
        .insertInto("switchboard_migrations")
        .values({ name: migration.name, applied_at: Date.now() })
        .execute();
      done.push(migration.name);
    }
    return done;
  });
}
