import type { Kysely } from "kysely";
import type { StoreEngine } from "../usage-store.js";

/**
 * One schema change. Names sort in the order they apply (`0001-usage`, `0002-keys`, …), so rooms
 * working in parallel add theirs without renumbering anyone's. `up` runs in a transaction.
 */
export interface StoreMigration {
  name: string;
  // Migrations see the database as it was then, not as the current types describe it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, engine: StoreEngine): Promise<void>;
}
