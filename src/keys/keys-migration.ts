import type { StoreMigration } from "../store/migrations/store-migration.js";
import { createKeysTable } from "./sql-key-store.js";

/** The virtual keys' table in the usage store's database (registered in the store's migration list). */
export const keysMigration: StoreMigration = {
  name: "0002-keys",
  up: (db) => createKeysTable(db),
};
