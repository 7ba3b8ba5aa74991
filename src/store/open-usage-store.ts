import type { Kysely } from "kysely";
import type { Logger } from "../lib/logger.js";
import { describeStoreError } from "./describe-store-error.js";
import { createPriceLookup, estimateCost } from "./estimate-cost.js";
import { storeMigrations, type StoreMigration } from "./migrations/index.js";
import { runMigrations } from "./migrations/run-migrations.js";
import { openPostgres } from "./postgres/open-postgres.js";
import { pruneStore } from "./prune.js";
import { getRequest, listRequests } from "./queries/list-requests.js";
import { insertQuotaSnapshot, listQuotaSnapshots } from "./queries/quota-snapshots.js";
import { queryUsage } from "./queries/query-usage.js";
import { redactBody } from "./redact-body.js";
import type { StoreDatabase } from "./schema.js";
import { openSqlite } from "./sqlite/open-sqlite.js";
import type { StoreOptions } from "./store-options.js";
import type { UsageRecord } from "./usage-record.js";
import type { StoreHealth, UsageStore } from "./usage-store.js";
import { WriteQueue } from "./write-queue.js";
import { writeBatch } from "./write-batch.js";

const reconnectMs = 15_000;
const pruneEveryMs = 86_400_000;
const firstPruneMs = 60_000;
// Records whose rollup failed, kept for the next batch's rollup; past this they are left to the raw rows.
const pendingRollupMax = 50_000;

function openDatabase(options: StoreOptions): { db: Kysely<StoreDatabase>; end: () => Promise<void> } {
  if (options.engine === "sqlite") {
    const db = openSqlite(options.path);
    return { db, end: () => db.destroy() };
  }
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
  let pendingRollup: UsageRecord[] = [];
  let ready = false;
  let downReason: string | undefined;
  let rollupWarned = false;
  let overflowWarned = false;
  let writeWarned = false;
  let database: { db: Kysely<StoreDatabase>; end: () => Promise<void> };
  try {
    database = openDatabase(settings);
  } catch (error) {
    downReason = describeStoreError(settings, error);
    // A placeholder that fails every query: the real one is opened by the reconnect timer.
    database = { db: openSqlite(":memory:"), end: async () => undefined };
  }

  async function connect(): Promise<void> {
    try {
      const applied = await runMigrations({ db: database.db, engine: settings.engine, migrations });
      if (applied.length > 0) logger.info({ engine: settings.engine, applied }, "usage store migrated");
      ready = true;
      downReason = undefined;
    } catch (error) {
      downReason = describeStoreError(settings, error);
      logger.error(downReason);
    }
  }

  const queue = new WriteQueue<UsageRecord>({
    capacity: settings.queueMax,
    batchSize: settings.batchSize,
    intervalMs: settings.flushIntervalMs,
    write: async (batch) => {
      if (!ready) throw new Error(downReason ?? "the usage store is not open yet");
      const result = await writeBatch(database.db, batch, pendingRollup);
      if (result.rollupPending) {
        pendingRollup = [...pendingRollup, ...batch].slice(-pendingRollupMax);
        if (!rollupWarned)
          logger.warn({ err: result.rollupError }, "usage rollup failed; raw rows kept, rollup retried");
        rollupWarned = true;
      } else {
        pendingRollup = [];
        rollupWarned = false;
      }
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
        if (row.costUsd === undefined && row.usage !== undefined) {
          const found = price(row.upstreamModel ?? row.requestedModel);
          if (found !== undefined) row.costUsd = estimateCost(found, row.usage);
        }
        if (row.bodies !== undefined) {
          if (!settings.bodies) delete row.bodies;
          else {
            const bodies: NonNullable<UsageRecord["bodies"]> = {};
            if (row.bodies.request !== undefined) bodies.request = redactBody(row.bodies.request);
            if (row.bodies.response !== undefined) bodies.response = redactBody(row.bodies.response);
            row.bodies = bodies;
          }
        }
        if (!queue.push(row)) return;
        for (const listener of listeners) listener(row);
      } catch (error) {
        logger.error({ err: error }, "usage record failed");
      }
    },
    flush: () => queue.flush(),
    async close() {
      clearInterval(reconnect);
      clearTimeout(firstPrune);
      clearInterval(pruneTimer);
      await queue.flush();
      queue.stop();
      if (queue.depth > 0) logger.warn({ rows: queue.depth }, "usage rows not written at shutdown");
      await database.end();
    },
    health(): StoreHealth {
      const health: StoreHealth = {
        engine: settings.engine,
        up: ready,
        queueDepth: queue.depth,
        dropped: queue.dropped,
      };
      if (downReason !== undefined) health.error = downReason;
      return health;
    },
    async queryUsage(query) {
      requireReady();
      return queryUsage(database.db, query);
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
      insertQuotaSnapshot(database.db, snapshot).catch((error: unknown) =>
        logger.warn({ err: error }, "Copilot quota snapshot not stored"),
      );
    },
    async listQuota(query) {
      requireReady();
      return listQuotaSnapshots(database.db, query);
    },
  };
}
