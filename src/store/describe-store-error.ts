import { describePostgresUrl } from "./postgres/describe-postgres-url.js";
import { StoreTooNewError } from "./migrations/run-migrations.js";
import type { StoreOptions } from "./store-options.js";

/** Why the store could not open, with where it points and what to do, for the log, `/health` and the banner. */
export function describeStoreError(options: StoreOptions, error: unknown): string {
  if (error instanceof StoreTooNewError) return error.message;
  const reason = error instanceof Error ? error.message : String(error);
  if (options.engine === "postgres") {
    return (
      `Cannot reach the usage database at ${describePostgresUrl(options.url ?? "")} (${reason}). ` +
      `Start PostgreSQL there or fix store.url / DATABASE_URL; remove both to use the embedded SQLite store. ` +
      `Requests are still served; usage rows are held in memory (up to store.queue_max) and written once it is reachable.`
    );
  }
  if (/bindings file|better_sqlite3\.node|ERR_DLOPEN_FAILED|NODE_MODULE_VERSION/.test(reason)) {
    return (
      `Cannot open the usage database ${options.path}: SQLite's native module (better-sqlite3) is not built ` +
      `for this Node.js. Run \`npm rebuild better-sqlite3\` in Switchboard's folder (a global install: ` +
      `\`npm install -g --allow-scripts=better-sqlite3 …\`), or set store.url to a PostgreSQL database. ` +
      `Requests are still served.`
    );
  }
  return (
    `Cannot open the usage database ${options.path} (${reason}). ` +
    `Check that its folder is writable, or set store.path to another file. Requests are still served.`
  );
}
