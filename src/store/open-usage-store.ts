import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Logger } from "../lib/logger.js";
import { createBatchWriter } from "./batch-writer.js";
import { describeStoreError } from "./describe-store-error.js";
import { createPriceLookup } from "./estimate-cost.js";
import { storeMigrations, type StoreMigration } from "./migrations/index.js";
import { runMigrations } from "./migrations/run-migrations.js";
import { pruneStore } from "./prune.js";
import { getRequest, listRequests } from "./queries/list-requests.js";
import { insertQuotaSnapshot, listQuotaSnapshots } from "./queries/quota-snapshots.js";
import { querySpeed } from "./queries/query-speed.js";
import { queryUsage } from "./queries/query-usage.js";
import { prepareRecord } from "./prepare-record.js";
import type { StoreDatabase } from "./schema.js";
import { unavailableDatabase } from "./unavailable-database.js";
import type { StoreOptions } from "./store-options.js";
import type { UsageRecord } from "./usage-record.js";
import type { StoreHealth, UsageStore } from "./usage-store.js";
import { WriteQueue } from "./write-queue.js";

const reconnectMs = 15_000;
const pruneEveryMs = 86_400_000;
const firstPruneMs = 60_000;

interface OpenDatabase {
  db: Kysely<StoreDatabase>;
  sqlite?: BetterSqlite3.Database;
  end: () => Promise<void>;
}

async function openDatabase(options: StoreOptions): Promise<OpenDatabase> {
  // Only the engine in use is loaded: pg and better-sqlite3 each cost RSS on the laptop gateway.
  if (options.engine === "sqlite") {
    const { openSqlite } = await import("./sqlite/open-sqlite.js");
    const { db, database } = openSqlite(options.path);
    return { db, sqlite: database, end: () => db.destroy() };
  }
  const { openPostgres } = await import("./postgres/open-postgres.js");
  const { db } = openPostgres({
    url: options.url ?? "",
    ...(options.schema === undefined ? {} : { schema: options.schema }),
  });
  return { db, end: () => db.destroy() };
}

/**
 * Opens the usage store and applies its migrations. Never throws for an unreachable database:
 * the store is then down (`health().error` says why and what to do), rows wait in the bounded
 * queue, and it keeps trying to open every 15 s. A database newer than this binary stays refused.
 */
export async function openUsageStore(options: {
  store: StoreOptions;
  logger: Logger;
  migrations?: StoreMigration[];
}): Promise<UsageStore> {
  const { store: settings, logger } = options;
  const migrations = options.migrations ?? storeMigrations;
  const price = createPriceLookup(settings.prices);
  const listeners = new Set<(row: UsageRecord) => void>();
  /** Quota snapshots being written, so flush() and close() wait for them. */
  const quotaWrites = new Set<Promise<void>>();
  let ready = false;
  let downReason: string | undefined;
  let overflowWarned = false;
  let writeWarned = false;
  // Until the real database opens, a placeholder whose every query fails with the reason: rows
  // must never land in a stand-in (an in-memory SQLite here once took them and lost them).
  let database: OpenDatabase = {
    db: unavailableDatabase(() => downReason ?? "the usage store is not open yet"),
    end: async () => undefined,
  };
  let opened = false;

  async function connect(): Promise<void> {
    try {
      if (!opened) {
        database = await openDatabase(settings);
        opened = true;
      }
      const applied = await runMigrations({ db: database.db, engine: settings.engine, migrations });
      if (applied.length > 0) logger.info({ engine: settings.engine, applied }, "usage store migrated");
      ready = true;
      downReason = undefined;
    } catch (error) {
      downReason = describeStoreError(settings, error);
      logger.error(downReason);
    }
  }

  const writer = createBatchWriter({ database: () => database, logger });
  const queue = new WriteQueue<UsageRecord>({
    capacity: settings.queueMax,
    batchSize: settings.batchSize,
    intervalMs: settings.flushIntervalMs,
    write: async (batch) => {
      if (!ready) throw new Error(downReason ?? "the usage store is not open yet");
      await writer.write(batch);
      writeWarned = false;
    },
    onOverflow: (dropped) => {
      if (overflowWarned) return;
      overflowWarned = true;
      logger.warn(
        { dropped, queueMax: settings.queueMax },
        "usage store queue is full: rows are being dropped (counted in switchboard_store_dropped_rows_total)",
      );
    },
    onWriteError: (error) => {
      if (ready && !writeWarned) logger.warn({ err: error }, "usage rows could not be written; retrying");
      writeWarned = true;
    },
  });

  await connect();
  const reconnect = setInterval(() => {
    if (!ready && downReason !== undefined && !downReason.includes("newer Switchboard")) void connect();
  }, reconnectMs);
  reconnect.unref();
  const prune = async () => {
    if (!ready) return;
    try {
      const pruned = await pruneStore(database.db, settings);
      if (pruned.requests + pruned.bodies > 0) logger.info(pruned, "usage store pruned");
    } catch (error) {
      logger.warn({ err: error }, "usage store pruning failed; tried again tomorrow");
    }
  };
  const firstPrune = setTimeout(() => void prune(), firstPruneMs);
  firstPrune.unref();
  const pruneTimer = setInterval(() => void prune(), pruneEveryMs);
  pruneTimer.unref();

  const requireReady = () => {
    if (!ready) throw new Error(downReason ?? "the usage store is not open");
  };

  return {
    engine: settings.engine,
    get db() {
      return database.db;
    },
    record(row) {
      try {
        if (typeof row.requestId !== "string" || !Number.isFinite(Date.parse(row.startedAt))) {
          logger.error({ requestId: row.requestId }, "usage record without an id or start time; not stored");
          return;
        }
        prepareRecord(row, { price, keepBodies: settings.bodies });
        if (!queue.push(row)) return;
        for (const listener of listeners) listener(row);
      } catch (error) {
        logger.error({ err: error }, "usage record failed");
      }
    },
    async flush() {
      await queue.flush();
      await Promise.all(quotaWrites);
    },
    async close() {
      clearInterval(reconnect);
      clearTimeout(firstPrune);
      clearInterval(pruneTimer);
      await queue.flush();
      await Promise.all(quotaWrites);
      queue.stop();
      if (queue.depth > 0) logger.warn({ rows: queue.depth }, "usage rows not written at shutdown");
      await database.end();
    },
    health(): StoreHealth {
      const health: StoreHealth = {
        engine: settings.engine,
        up: ready,
        queueDepth: queue.depth,
        dropped: queue.dropped + writer.rejected(),
      };
      if (downReason !== undefined) health.error = downReason;
      return health;
    },
    async queryUsage(query) {
      requireReady();
      return queryUsage(database.db, query);
    },
    async querySpeed(query) {
      requireReady();
      return querySpeed(database.db, query);
    },
    async listRequests(query) {
      requireReady();
      return listRequests(database.db, query);
    },
    async getRequest(id) {
      requireReady();
      return getRequest(database.db, id);
    },
    onRecorded(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    recordQuota(snapshot) {
      if (!ready) return;
      const write = insertQuotaSnapshot(database.db, snapshot)
        .catch((error: unknown) => logger.warn({ err: error }, "Copilot quota snapshot not stored"))
        .finally(() => quotaWrites.delete(write));
      quotaWrites.add(write);
    },
    async listQuota(query) {
      requireReady();
      return listQuotaSnapshots(database.db, query);
    },
  };
}
