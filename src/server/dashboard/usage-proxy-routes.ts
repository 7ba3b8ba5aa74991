import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";

/** Ranges the Duo-proxy-compatible JSON accepts, as the page offers them. */
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

function queryOf(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? "" : url.slice(index);
}

/**
 * The page reads the usage store's API (`/api/usage`, `/api/requests`) with its session cookie,
 * not the key: these routes pass its GET on, in process, with the key added. Status and body come
 * back unchanged, so the store's 400s (naming the parameter) reach the page as they are.
 */
export function registerUsageProxyRoutes(
  app: FastifyInstance,
  options: { root: FastifyInstance; apiKey: string | undefined },
): void {
  const { root, apiKey } = options;
  const forward = async (path: string): Promise<{ status: number; body: unknown }> => {
    const answer = await root.inject({
      method: "GET",
      url: path,
      headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
    });
    if (
      answer.statusCode === 404 &&
      answer.json<{ error?: { message?: string } }>().error?.message?.startsWith("No route")
    ) {
      throw new GatewayError(
        "not_found",
        "The usage store is not running in this gateway, so there is no usage to show.",
      );
    }
    return { status: answer.statusCode, body: answer.json() };
  };
  /** For the summaries: a refusal of the store's is passed on as ours. */
  const read = async (path: string): Promise<unknown> => {
    const answer = await forward(path);
    if (answer.status >= 400) {
      const message = (answer.body as { error?: { message?: string } }).error?.message ?? "The usage store refused.";
      throw new GatewayError(answer.status === 400 ? "invalid_request" : "internal", message, {
        status: answer.status,
      });
    }
    return answer.body;
  };
  const pass = async (path: string, reply: FastifyReply): Promise<unknown> => {
    const answer = await forward(path);
    return reply.code(answer.status).send(answer.body);
  };

  app.get("/api/usage", async (request, reply) => pass(`/api/usage${queryOf(request.url)}`, reply));
  app.get("/api/requests", async (request, reply) => pass(`/api/requests${queryOf(request.url)}`, reply));
  // The Tools (MCP) page: server states and tools, recent tool calls.
  app.get("/api/mcp/servers", async (request, reply) => pass(`/api/mcp/servers${queryOf(request.url)}`, reply));
  app.get("/api/mcp/calls", async (request, reply) => pass(`/api/mcp/calls${queryOf(request.url)}`, reply));
  app.get<{ Params: { id: string } }>("/api/requests/:id", async (request, reply) =>
    pass(`/api/requests/${encodeURIComponent(request.params.id)}${queryOf(request.url)}`, reply),
  );

  /** The GitLab Duo proxy's `/dashboard/api/stats`: totals, then the 20 newest requests. */
  app.get("/api/stats", async (request: FastifyRequest<{ Querystring: { range?: string } }>) => {
    const range = request.query.range ?? "30d";
    const from = rangeStart(range, new Date()).toISOString();
    const usage = await read(`/api/usage?from=${encodeURIComponent(from)}&group_by=model`);
    const recent = await read("/api/requests?limit=20");
    const totals = (usage as { totals?: Record<string, number> }).totals ?? {};
    const requests = totals["requests"] ?? 0;
    const errors = totals["errors"] ?? 0;
    return {
      range,
      from,
      total_requests: requests,
      successful_requests: requests - errors,
      failed_requests: errors,
      success_rate: requests === 0 ? null : (requests - errors) / requests,
      total_input_tokens: totals["input_tokens"] ?? 0,
      total_output_tokens: totals["output_tokens"] ?? 0,
      p50_ms: totals["p50_ms"] ?? null,
      p95_ms: totals["p95_ms"] ?? null,
      premium_spent: totals["premium_spent"] ?? 0,
      cost_usd: totals["cost_usd"] ?? 0,
      recent_requests: (recent as { requests?: unknown[] }).requests ?? [],
    };
  });

  /** The GitLab Duo proxy's `/dashboard/api/models`: one row per model. */
  app.get("/api/models", async (request: FastifyRequest<{ Querystring: { range?: string } }>) => {
    const range = request.query.range ?? "30d";
    const from = rangeStart(range, new Date()).toISOString();
    const usage = await read(`/api/usage?from=${encodeURIComponent(from)}&group_by=model`);
    const rows = (usage as { rows?: Array<Record<string, unknown>> }).rows ?? [];
    return {
      range,
      from,
      models: rows.map((row) => ({
        model: row["key"],
        requests: row["requests"],
        errors: row["errors"],
        input_tokens: row["input_tokens"],
        output_tokens: row["output_tokens"],
        p50_ms: row["p50_ms"],
        p95_ms: row["p95_ms"],
      })),
    };
  });
}
