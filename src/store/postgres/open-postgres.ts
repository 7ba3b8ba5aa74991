import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { StoreDatabase } from "../schema.js";

// int8 and numeric arrive as strings by default; every such column of ours fits a double.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * A pooled connection to PostgreSQL. `schema` (tests, several gateways' stores in one database)
 * becomes the search path of every connection.
 */
export function openPostgres(options: { url: string; schema?: string; maxConnections?: number }): {
  db: Kysely<StoreDatabase>;
  pool: pg.Pool;
} {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5_000,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection that dies (server restart) must not crash the gateway: the next query reconnects.
  pool.on("error", () => undefined);
  return { db: new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) }), pool };
}
