import type { StoreMigration } from "../store/migrations/store-migration.js";
import { createKeysTable } from "./sql-key-store.js";

/** The virtual keys' table in the usage store's database (registered in the store's migration list). */
export const keysMigration: StoreMigration = {
  name: "0002-keys",
  up: (db) => createKeysTable(db),
};

/** Each key's MCP grants (`--mcp memory,filesystem/read_file`): a JSON list, null for none. */
export const keysMcpMigration: StoreMigration = {
  name: "0003-keys-mcp",
  up: async (db) => {
    await db.schema.alterTable("switchboard_keys").addColumn("mcp", "text").execute();
  },
};
