import type BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { StoreDatabase } from "./schema.js";

type Database = Kysely<StoreDatabase> | Transaction<StoreDatabase>;
type Row = Record<string, unknown>;

/**
 * Multi-row inserts with the SQL built once per table, shape and row count, then only the
 * values change. Building the statement with Kysely for every batch cost more than writing it
 * (5,000 rows: 1.4 s, ~3,600 rows/s on SQLite; see bench/RESULTS.md), and that CPU is the gateway's.
 */
const compiled = new Map<string, string>();
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export async function insertRows(options: {
  db: Database;
  table: keyof StoreDatabase;
  rows: Row[];
  /** Built for a sample of `rows.length` rows: the insert, with its ON CONFLICT clause. */
  build: (db: Database, sample: Row[]) => { compile(): CompiledQuery };
  cacheKey: string;
  /**
   * The SQLite connection under `db`, when the engine is SQLite: one prepared single-row statement
   * run per row (in `db`'s transaction, on the same connection) beats preparing a 200-row one each time.
   */
  sqlite?: BetterSqlite3.Database;
  /** PostgreSQL: the rows go in as one array per column, and a row whose `conflictColumn` exists is skipped. */
  conflictColumn?: string;
}): Promise<void> {
  const { db, rows, sqlite } = options;
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  if (sqlite !== undefined) {
    let statements = prepared.get(sqlite);
    if (statements === undefined) prepared.set(sqlite, (statements = new Map()));
    const key = `${options.cacheKey}:${columns.join(",")}`;
    let statement = statements.get(key);
    if (statement === undefined) {
      statement = sqlite.prepare(compiledText(db, options, [first], columns));
      statements.set(key, statement);
    }
    for (const row of rows) statement.run(columns.map((column) => row[column]));
    return;
  }
  if (options.conflictColumn !== undefined) {
    await insertByColumns(db, options.table, rows, columns, options.conflictColumn);
    return;
  }
  const text = compiledText(db, options, rows, columns);
  const parameters = rows.flatMap((row) => columns.map((column) => row[column]));
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

// Each column's SQL type, read once per table from the database (the migrations made them).
const columnTypes = new Map<string, Map<string, string>>();

async function typesOf(db: Database, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (types === undefined) {
    const result = await db.executeQuery<{ column_name: string; data_type: string }>(
      CompiledQuery.raw(
        "select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1",
        [table],
      ),
    );
    types = new Map(result.rows.map((row) => [row.column_name, row.data_type]));
    columnTypes.set(table, types);
  }
  return types;
}

/**
 * PostgreSQL: the batch as one array per column, `insert … select * from unnest($1::text[], …)`.
 * A 500-row `values` list is 20,000 parameters that PostgreSQL parses and plans on every batch;
 * 40 arrays cost it next to nothing (bench/RESULTS.md: the sustained rate rose from ~2,300 rows/s).
 */
async function insertByColumns(
  db: Database,
  table: string,
  rows: Row[],
  columns: string[],
  conflictColumn: string,
): Promise<void> {
  const types = await typesOf(db, table);
  const arrays = columns.map((column) => rows.map((row) => row[column] ?? null));
  const casts = columns.map((column, index) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`insertRows: ${table} has no column ${column}`);
    return `$${index + 1}::${type}[]`;
  });
  const names = columns.map((column) => `"${column}"`).join(", ");
  const text = `insert into "${table}" (${names}) select * from unnest(${casts.join(", ")}) on conflict ("${conflictColumn}") do nothing`;
  await db.executeQuery(CompiledQuery.raw(text, arrays));
}

function compiledText(
  db: Database,
  options: {
    table: string;
    cacheKey: string;
    sqlite?: BetterSqlite3.Database;
    build: (db: Database, sample: Row[]) => { compile(): CompiledQuery };
  },
  rows: Row[],
  columns: string[],
): string {
  // The dialect's SQL differs (`?` against `$1`): SQLite statements are compiled on the SQLite path only.
  const key = `${options.sqlite === undefined ? "postgres" : "sqlite"}:${options.cacheKey}:${rows.length}:${columns.join(",")}`;
  let text = compiled.get(key);
  if (text === undefined) {
    const query = options.build(db, rows).compile();
    text = query.sql;
    // The order Kysely gives parameters (row by row, the first row's column order) is the one used below.
    const expected = rows.flatMap((row) => columns.map((column) => row[column]));
    if (
      query.parameters.length !== expected.length ||
      query.parameters.some((value, index) => value !== expected[index])
    )
      throw new Error(`insertRows: ${options.table} parameters are not in row order`);
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, text);
  }
  return text;
}
