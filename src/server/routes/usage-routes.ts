import type { FastifyInstance } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import type { GatewayMetrics } from "../../store/metrics.js";
import { parseCursor, parseTimeText } from "../../store/queries/parse-cursor.js";
import {
  groupByValues,
  type GroupBy,
  type RequestListQuery,
  type SpeedQuery,
  type UsageStore,
} from "../../store/usage-store.js";

export type Query = Record<string, string | string[] | undefined>;

const dayMs = 86_400_000;

export function invalid(param: string, message: string): GatewayError {
  return new GatewayError("invalid_request", message, { param });
}

/** Refuses a parameter the route does not know, naming it: a misspelt filter must not answer as if unfiltered. */
export function onlyParameters(query: Query, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw invalid(
      unknown[0]!,
      known.length === 0
        ? `Unknown parameter ${unknown.join(", ")} (this route takes none).`
        : `Unknown parameter ${unknown.join(", ")} (known: ${known.join(", ")}).`,
    );
  }
}

export function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw invalid(name, `${name} was given more than once.`);
  return value === undefined || value === "" ? undefined : value;
}

/** An ISO date or time, or epoch milliseconds. */
function time(query: Query, name: string): number | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  const value = parseTimeText(text);
  if (!Number.isFinite(value))
    throw invalid(name, `${name}=${JSON.stringify(text)}: expected an ISO 8601 date or time, or epoch milliseconds.`);
  return value;
}

export function integer(query: Query, name: string, range: { min: number; max: number }): number | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < range.min || value > range.max)
    throw invalid(name, `${name}=${JSON.stringify(text)}: expected an integer from ${range.min} to ${range.max}.`);
  return value;
}

function storeDown(store: UsageStore): GatewayError {
  return new GatewayError("upstream_unavailable", store.health().error ?? "The usage store is down.", {
    status: 503,
  });
}

const usageParameters = ["from", "to", "group_by"];
const speedParameters = ["from", "to", "bucket"];
const requestListParameters = ["limit", "before", "status", "model", "provider", "client", "session"];

/** `from` and `to`: the last 24 hours unless told otherwise, at most 400 days. */
function timeRange(query: Query, now: number): { from: number; to: number } {
  const to = time(query, "to") ?? now;
  const from = time(query, "from") ?? to - dayMs;
  if (from >= to) throw invalid("from", "from must be before to.");
  if (to - from > 400 * dayMs) throw invalid("from", "The range from..to may span at most 400 days.");
  return { from, to };
}

/** `usageQuery` reads `/api/usage`'s parameters: the last 24 hours by model unless told otherwise. */
export function usageQuery(query: Query, now = Date.now()): { from: number; to: number; groupBy: GroupBy } {
  onlyParameters(query, usageParameters);
  const { from, to } = timeRange(query, now);
  const groupBy = single(query, "group_by") ?? "model";
  if (!(groupByValues as readonly string[]).includes(groupBy))
    throw invalid("group_by", `group_by=${JSON.stringify(groupBy)}: expected one of ${groupByValues.join(", ")}.`);
  return { from, to, groupBy: groupBy as GroupBy };
}

/**
 * `/api/usage/speed`'s parameters: `from`, `to` as for `/api/usage`, and `bucket` (hour or day),
 * by default per hour under a week and per day from a week on, as `/api/usage` chooses its rollup.
 */
export function speedQuery(query: Query, now = Date.now()): SpeedQuery {
  onlyParameters(query, speedParameters);
  const { from, to } = timeRange(query, now);
  const bucket = single(query, "bucket") ?? (to - from >= 7 * dayMs ? "day" : "hour");
  if (bucket !== "hour" && bucket !== "day")
    throw invalid("bucket", `bucket=${JSON.stringify(bucket)}: expected hour or day.`);
  return { from, to, bucket };
}

/** `limit` (1–500, default 50) and `before` (a cursor) of a newest-first list. */
export function listPage(query: Query): { limit: number; before?: string } {
  const page: { limit: number; before?: string } = { limit: integer(query, "limit", { min: 1, max: 500 }) ?? 50 };
  const before = single(query, "before");
  if (before !== undefined) {
    if (parseCursor(before) === undefined)
      throw invalid(
        "before",
        `before=${JSON.stringify(before)}: expected a next_before value, an ISO time or epoch milliseconds.`,
      );
    page.before = before;
  }
  return page;
}

export function requestListQuery(query: Query): RequestListQuery {
  onlyParameters(query, requestListParameters);
  const list: RequestListQuery = listPage(query);
  const status = integer(query, "status", { min: 100, max: 599 });
  if (status !== undefined) list.status = status;
  for (const name of ["model", "provider", "client", "session"] as const) {
    const value = single(query, name);
    if (value !== undefined) list[name] = value;
  }
  return list;
}

/** The admin API over the usage store, and `/metrics`; behind the admin key when one is set (app.ts's hook). */
export interface UsageRoutesOptions {
  /** Absent when the store is disabled (`store.enabled: false`): the API then answers 503. */
  store: UsageStore | undefined;
  metrics: GatewayMetrics;
}

export function registerUsageRoutes(app: FastifyInstance, options: UsageRoutesOptions): void {
  const { metrics } = options;
  const ensureUp = (): UsageStore => {
    const store = options.store;
    if (store === undefined)
      throw new GatewayError("upstream_unavailable", "The usage store is disabled (store.enabled: false).", {
        status: 503,
      });
    if (!store.health().up) throw storeDown(store);
    return store;
  };
  app.get("/api/usage", async (request) => {
    const query = usageQuery(request.query as Query);
    return ensureUp().queryUsage(query);
  });
  app.get("/api/usage/speed", async (request) => {
    const query = speedQuery(request.query as Query);
    return ensureUp().querySpeed(query);
  });
  app.get("/api/requests", async (request) => {
    const query = requestListQuery(request.query as Query);
    return ensureUp().listRequests(query);
  });
  app.get<{ Params: { id: string } }>("/api/requests/:id", async (request) => {
    const found = await ensureUp().getRequest(request.params.id);
    if (found === undefined) throw new GatewayError("not_found", `No request ${request.params.id} is stored.`);
    return found;
  });
  // Copilot's own premium-request count over time, to set beside the gateway's (`premium_spent`).
  app.get("/api/quota", async (request) => {
    const query = request.query as Query;
    const to = time(query, "to") ?? Date.now();
    const from = time(query, "from") ?? to - 30 * dayMs;
    if (from >= to) throw invalid("from", "from must be before to.");
    const provider = single(query, "provider");
    const snapshots = await ensureUp().listQuota({ from, to, ...(provider === undefined ? {} : { provider }) });
    return {
      snapshots: snapshots.map((snapshot) => ({
        provider: snapshot.provider,
        taken_at: new Date(snapshot.takenAt).toISOString(),
        entitlement: snapshot.entitlement ?? null,
        remaining: snapshot.remaining ?? null,
        percent_remaining: snapshot.percentRemaining ?? null,
        unlimited: snapshot.unlimited,
        reset_date: snapshot.resetDate ?? null,
      })),
    };
  });
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
