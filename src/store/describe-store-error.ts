import { describePostgresUrl } from "./postgres/open-postgres.js";
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
  return (
    `Cannot open the usage database ${options.path} (${reason}). ` +
    `Check that its folder is writable, or set store.path to another file. Requests are still served.`
  );
}
