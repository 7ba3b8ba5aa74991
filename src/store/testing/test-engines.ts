import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { storeDefaults, type StoreOptions } from "../store-options.js";

/** The PostgreSQL the suites run against (`scripts/test-all.sh` starts one when none runs). */
export const testPostgresUrl =
  process.env["SWITCHBOARD_TEST_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestEngine {
  name: "sqlite" | "postgres";
  /** Fresh, empty store options of this engine; `cleanup` removes what they point at. */
  create(): Promise<{ options: StoreOptions; cleanup: () => Promise<void> }>;
}

export function baseStoreOptions(overrides: Partial<StoreOptions> = {}): StoreOptions {
  return { engine: "sqlite", path: ":memory:", bodies: false, prices: {}, ...storeDefaults, ...overrides };
}

async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The same suites run on both engines: SQLite in a temporary folder, PostgreSQL in a schema of its own. */
export const testEngines: TestEngine[] = [
  {
    name: "sqlite",
    async create() {
      const folder = mkdtempSync(join(tmpdir(), "switchboard-store-"));
      return {
        options: baseStoreOptions({ engine: "sqlite", path: join(folder, "usage.sqlite") }),
        cleanup: async () => rmSync(folder, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "postgres",
    async create() {
      const schema = `switchboard_test_${process.pid}_${randomBytes(4).toString("hex")}`;
      await onPostgres(`create schema ${schema}`);
      return {
        options: baseStoreOptions({ engine: "postgres", url: testPostgresUrl, schema }),
        cleanup: () => onPostgres(`drop schema ${schema} cascade`),
      };
    },
  },
];
