import { keysMcpMigration, keysMigration } from "../../keys/keys-migration.js";
import { mcpCallsMigration } from "../../mcp/mcp-calls-table.js";
import { usageMigration } from "./0001-usage.js";
import type { StoreMigration } from "./store-migration.js";

/**
 * Every migration this binary knows, in order. Other rooms register their own tables here
 * (one line each), named so that they sort after the ones already released.
 */
export const storeMigrations: StoreMigration[] = [usageMigration, keysMigration, keysMcpMigration, mcpCallsMigration];

export type { StoreMigration } from "./store-migration.js";
