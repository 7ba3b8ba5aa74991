import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Config } from "../../config/schema.js";
import { storeMigrations } from "../../store/migrations/index.js";
import { describePostgresUrl } from "../../store/postgres/describe-postgres-url.js";
import { fail, note, pass, type CheckResult } from "./check-result.js";

const name = "Usage store";

/** `migrations 2 of 2 (latest 0002-keys)`, or the failure of a database written by a newer Switchboard. */
function migrationState(applied: string[] | undefined): CheckResult | string {
  const known = storeMigrations.map((migration) => migration.name).sort();
  if (applied === undefined || applied.length === 0)
    return `no tables yet (\`switchboard start\` creates them: ${known.length} migrations)`;
  const unknown = applied.filter((migration) => !known.includes(migration));
  if (unknown.length > 0)
    return fail(
      name,
      `the database was migrated by a newer Switchboard (it has ${unknown.sort().join(", ")})`,
      "upgrade Switchboard, or point store.url / store.path at another database",
    );
  const pending = known.length - applied.length;
  const latest = [...applied].sort().at(-1);
  return `migrations ${applied.length} of ${known.length} applied (latest ${latest})${pending > 0 ? "; `switchboard start` applies the rest" : ""}`;
}

/** The nearest folder that exists on the way up to `path`: where SQLite would create its file. */
function existingAncestor(path: string): string {
  let folder = dirname(path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

function checkSqlite(path: string): CheckResult {
  const where = `SQLite at ${path}`;
  const fix = "check that the file and its folder are readable and writable, or set store.path to another file";
  if (!existsSync(path)) {
    const folder = existingAncestor(path);
    try {
      accessSync(folder, constants.W_OK);
    } catch {
      return fail(name, `${where} cannot be created: ${folder} is not writable`, fix);
    }
    return pass(name, `${where}, not created yet (\`switchboard start\` creates it)`);
  }
  let database: Database.Database | undefined;
  try {
    database = new Database(path, { readonly: true, fileMustExist: true });
    const table = database
      .prepare("select name from sqlite_master where type = 'table' and name = 'switchboard_migrations'")
      .get();
    const applied =
      table === undefined
        ? undefined
        : (database.prepare("select name from switchboard_migrations").all() as Array<{ name: string }>).map(
            (row) => row.name,
          );
    const state = migrationState(applied);
    return typeof state === "string" ? pass(name, `${where}; ${state}`) : state;
  } catch (error) {
    return fail(name, `cannot open ${where} (${(error as Error).message})`, fix);
  } finally {
    database?.close();
  }
}

/** An error's message; a refused connection to a name with two addresses is an AggregateError without one. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message || (error as NodeJS.ErrnoException).code || error.name;
}

async function checkPostgres(url: string, timeoutMs: number): Promise<CheckResult> {
  const where = `PostgreSQL at ${describePostgresUrl(url)}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection that drops after the check must not crash the doctor.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const exists = await client.query<{ present: string | null }>(
      "select to_regclass('switchboard_migrations')::text as present",
    );
    const applied =
      exists.rows[0]?.present === null || exists.rows[0] === undefined
        ? undefined
        : (await client.query<{ name: string }>("select name from switchboard_migrations")).rows.map((row) => row.name);
    const state = migrationState(applied);
    return typeof state === "string" ? pass(name, `${where}; ${state}`) : state;
  } catch (error) {
    const reason = reasonOf(error);
    return fail(
      name,
      `cannot reach ${where} (${reason}); requests are still served, usage rows wait in memory (store.queue_max)`,
      "start PostgreSQL there, or fix store.url / DATABASE_URL (remove both to use the embedded SQLite store)",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The usage store opens: SQLite's file (or its folder, before the first start), or PostgreSQL, and its migrations. */
export async function checkStore(store: Config["store"], timeoutMs = 5_000): Promise<CheckResult> {
  if (!store.enabled) return note(name, "off (store.enabled: false); usage is only logged");
  if (store.engine === "postgres") return checkPostgres(store.url ?? "", timeoutMs);
  return checkSqlite(store.path);
}
