import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
} from "kysely";
import type { StoreDatabase } from "./schema.js";

/** A driver that has no database: every query fails with why the store is not open. */
class UnavailableDriver extends DummyDriver {
  constructor(private readonly reason: () => string) {
    super();
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    throw new Error(this.reason());
  }
}

/**
 * The store's database while the real one cannot be opened (PostgreSQL unreachable, a folder that
 * cannot be written, SQLite's native module not built). It needs no native module itself.
 */
export function unavailableDatabase(reason: () => string): Kysely<StoreDatabase> {
  return new Kysely<StoreDatabase>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new UnavailableDriver(reason),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
