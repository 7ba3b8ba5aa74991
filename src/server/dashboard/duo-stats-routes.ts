import type { FastifyInstance, FastifyRequest } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import type { RequestPage, RequestSummary, UsageGroup, UsageReport } from "../../store/usage-store.js";

/**
 * `/dashboard/api/stats` and `/dashboard/api/models` in the shape of the GitLab Duo proxy that
 * Switchboard replaces (nano-step/gitlab-duo-proxy, `src/usage.ts` and `src/server.ts`): its
 * `UsageSnapshot` and its model list, field for field, so that scripts written against it keep
 * working. Differences, documented in the README: the numbers cover `?range=` (default 30d) from
 * the usage store, not the process's lifetime; `avgLatencyMs` carries the median (the store keeps
 * latency histograms, not sums) and `latencySum` is null; `clientIp` is absent (not recorded).
 */

const rangeDays: Record<string, number> = { today: 0, "7d": 7, "30d": 30 };

function rangeStart(range: string, now: Date): Date {
  const days = rangeDays[range];
  if (days === undefined) {
    throw new GatewayError(
      "invalid_request",
      `Unknown range "${range}"; use one of ${Object.keys(rangeDays).join(", ")}.`,
      { param: "range" },
    );
  }
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - Math.max(0, days - 1));
  return start;
}

/** The Duo proxy's per-model `ModelStats`. */
function modelStats(group: UsageGroup) {
  return {
    totalRequests: group.requests,
    successCount: group.requests - group.errors,
    errorCount: group.errors,
    totalInputTokens: group.input_tokens,
    totalOutputTokens: group.output_tokens,
    totalTokens: group.input_tokens + group.output_tokens,
    avgLatencyMs: group.p50_ms === null ? 0 : Math.round(group.p50_ms),
    latencySum: null,
  };
}

/** `{ "2026-12-06": { requests, tokens } }`, keyed as the Duo proxy keys its day and hour buckets (UTC). */
function buckets(report: UsageReport, keyLength: number, suffix: string) {
  const answer: Record<string, { requests: number; tokens: number }> = {};
  for (const row of report.rows) {
    if (row.requests === 0) continue;
    answer[row.key.slice(0, keyLength) + suffix] = {
      requests: row.requests,
      tokens: row.input_tokens + row.output_tokens,
    };
  }
  return answer;
}

const endpoints: Record<string, string> = {
  "anthropic-messages": "messages",
  "openai-chat": "chat-completions",
  "openai-responses": "responses",
};

/** The Duo proxy's `RequestRecord`. */
function requestRecord(row: RequestSummary) {
  const failed = row.status >= 400 || row.status === 0;
  return {
    id: row.id,
    timestamp: Date.parse(row.started_at),
    model: row.model,
    endpoint: endpoints[row.client_api] ?? row.client_api,
    status: failed ? "error" : "success",
    latencyMs: row.duration_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    totalTokens: row.input_tokens + row.output_tokens,
    ...(failed && row.error_code !== null ? { errorMessage: row.error_code } : {}),
    stream: row.stream,
  };
}

export function registerDuoStatsRoutes(
  app: FastifyInstance,
  options: {
    /** GETs the admin API in process (its 400s become ours). */
    read: (path: string) => Promise<unknown>;
    /** Route name → its first target (`provider/model`), as the Duo proxy lists its aliases. */
    aliases: Record<string, string>;
    startedAt: number;
  },
): void {
  const { read, aliases, startedAt } = options;
  const providerOf = (model: string): string | null => {
    for (const target of Object.values(aliases)) {
      const [provider, ...rest] = target.split("/");
      if (rest.join("/") === model && provider !== undefined) return provider;
    }
    return null;
  };
  const usageSince = (range: string, groupBy: string) => {
    const from = rangeStart(range, new Date()).toISOString();
    return read(`/api/usage?from=${encodeURIComponent(from)}&group_by=${groupBy}`) as Promise<UsageReport>;
  };

  app.get("/api/stats", async (request: FastifyRequest<{ Querystring: { range?: string } }>) => {
    const range = request.query.range ?? "30d";
    const byModel = await usageSince(range, "model");
    const byDay = await usageSince(range, "day");
    const byHour = await usageSince(range, "hour");
    const recent = (await read("/api/requests?limit=100")) as RequestPage;
    const totals = modelStats(byModel.totals);
    return {
      uptime: Math.round((Date.now() - startedAt) / 1000),
      startedAt: new Date(startedAt).toISOString(),
      totalRequests: totals.totalRequests,
      successCount: totals.successCount,
      errorCount: totals.errorCount,
      totalInputTokens: totals.totalInputTokens,
      totalOutputTokens: totals.totalOutputTokens,
      totalTokens: totals.totalTokens,
      avgLatencyMs: totals.avgLatencyMs,
      models: Object.fromEntries(byModel.rows.map((row) => [row.key, modelStats(row)])),
      requestsByHour: buckets(byHour, 13, ":00"),
      requestsByDay: buckets(byDay, 10, ""),
      recentRequests: recent.requests.map(requestRecord),
      // Switchboard's own, beside the Duo proxy's fields.
      range,
      from: byModel.from,
      p95LatencyMs: byModel.totals.p95_ms,
      premiumSpent: byModel.totals.premium_spent,
      costUsd: byModel.totals.cost_usd,
    };
  });

  app.get("/api/models", async (request: FastifyRequest<{ Querystring: { range?: string } }>) => {
    const range = request.query.range ?? "30d";
    const byModel = await usageSince(range, "model");
    return {
      models: byModel.rows.map((row) => ({
        id: row.key,
        provider: providerOf(row.key),
        backendModel: row.key,
        stats: modelStats(row),
      })),
      aliases,
    };
  });
}
