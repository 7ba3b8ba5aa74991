import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import { latencyBucketCount } from "../latency-buckets.js";
import type { StoreMigration } from "./store-migration.js";

// "double precision" is a float8 in PostgreSQL and REAL affinity in SQLite; "real" would be float4 there.
const double = sql`double precision`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = CreateTableBuilder<any, any>;

function rollupTable(db: Kysely<unknown>, name: string): AnyTable {
  let table: AnyTable = db.schema.createTable(name).addColumn("bucket_start", "bigint", (column) => column.notNull());
  for (const dimension of ["model", "provider", "client", "session_id", "key_id", "route"]) {
    table = table.addColumn(dimension, "text", (column) => column.notNull().defaultTo(""));
  }
  for (const counter of [
    "requests",
    "errors",
    "fallbacks",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "reasoning_tokens",
    "cache_hits",
    "cache_lookups",
    "generated_tokens",
    "generation_ms",
  ]) {
    table = table.addColumn(counter, "bigint", (column) => column.notNull().defaultTo(0));
  }
  for (const amount of ["premium_spent", "premium_saved", "cost_usd"]) {
    table = table.addColumn(amount, double, (column) => column.notNull().defaultTo(0));
  }
  for (let index = 0; index < latencyBucketCount; index += 1) {
    table = table
      .addColumn(`latency_${index}`, "integer", (column) => column.notNull().defaultTo(0))
      .addColumn(`ttft_${index}`, "integer", (column) => column.notNull().defaultTo(0));
  }
  return table.addUniqueConstraint(`${name}_key`, [
    "bucket_start",
    "model",
    "provider",
    "client",
    "session_id",
    "key_id",
    "route",
  ]);
}

/** The usage store's first schema: raw rows, bodies apart, hourly and daily rollups, Copilot quota snapshots. */
export const usageMigration: StoreMigration = {
  name: "0001-usage",
  async up(db) {
    let requests = db.schema
      .createTable("requests")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("started_at", "bigint", (column) => column.notNull());
    for (const name of ["client_api", "requested_model", "model"]) {
      requests = requests.addColumn(name, "text", (column) => column.notNull());
    }
    for (const name of ["route", "provider", "upstream_model", "upstream_api", "error_code", "finish_reason"]) {
      requests = requests.addColumn(name, "text");
    }
    requests = requests
      .addColumn("passthrough", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("stream", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("status", "integer", (column) => column.notNull())
      .addColumn("duration_ms", "integer", (column) => column.notNull())
      .addColumn("first_byte_ms", "integer");
    for (const name of [
      "input_tokens",
      "output_tokens",
      "cache_read_tokens",
      "cache_write_tokens",
      "reasoning_tokens",
    ]) {
      requests = requests.addColumn(name, "bigint", (column) => column.notNull().defaultTo(0));
    }
    for (const name of ["initiator", "client", "client_version", "session_id", "key_id", "cache_hit"]) {
      requests = requests.addColumn(name, "text");
    }
    requests = requests
      .addColumn("premium_spent", double, (column) => column.notNull().defaultTo(0))
      .addColumn("premium_saved", double, (column) => column.notNull().defaultTo(0))
      .addColumn("cost_usd", double)
      .addColumn("queue_wait_ms", "integer")
      .addColumn("queue_depth", "integer")
      .addColumn("attempt_count", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("fallback", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("attempts", "text", (column) => column.notNull())
      .addColumn("warnings", "text", (column) => column.notNull())
      .addColumn("usage_extra", "text");
    await requests.execute();
    // The list pages newest first; filters narrow it by session, model or client.
    await db.schema.createIndex("requests_started_at").on("requests").columns(["started_at", "id"]).execute();
    await db.schema.createIndex("requests_session").on("requests").columns(["session_id", "started_at"]).execute();
    await db.schema.createIndex("requests_model").on("requests").columns(["model", "started_at"]).execute();

    await db.schema
      .createTable("request_bodies")
      .addColumn("request_id", "text", (column) => column.primaryKey())
      .addColumn("started_at", "bigint", (column) => column.notNull())
      .addColumn("request_body", "text")
      .addColumn("response_body", "text")
      .execute();
    await db.schema.createIndex("request_bodies_started_at").on("request_bodies").column("started_at").execute();

    await rollupTable(db, "usage_hourly").execute();
    await rollupTable(db, "usage_daily").execute();

    await db.schema
      .createTable("copilot_quota_snapshots")
      .addColumn("provider", "text", (column) => column.notNull())
      .addColumn("taken_at", "bigint", (column) => column.notNull())
      .addColumn("entitlement", double)
      .addColumn("remaining", double)
      .addColumn("percent_remaining", double)
      .addColumn("unlimited", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("reset_date", "text")
      .addPrimaryKeyConstraint("copilot_quota_snapshots_key", ["provider", "taken_at"])
      .execute();
  },
};
