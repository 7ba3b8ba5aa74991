import type { FastifyInstance, FastifyReply } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { registerDuoStatsRoutes } from "./duo-stats-routes.js";

function queryOf(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? "" : url.slice(index);
}

/**
 * The page reads the usage store's API (`/api/usage`, `/api/requests`) with its session cookie,
 * not the key: these routes pass its GET on, in process, with a key the admin API takes added. Status and body come
 * back unchanged, so the store's 400s (naming the parameter) reach the page as they are.
 */
export function registerUsageProxyRoutes(
  app: FastifyInstance,
  options: { root: FastifyInstance; adminKey: string | undefined; aliases: Record<string, string> },
): void {
  const { root, adminKey } = options;
  const forward = async (path: string): Promise<{ status: number; body: unknown }> => {
    const answer = await root.inject({
      method: "GET",
      url: path,
      headers: adminKey === undefined ? {} : { authorization: `Bearer ${adminKey}` },
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
  app.get("/api/usage/speed", async (request, reply) => pass(`/api/usage/speed${queryOf(request.url)}`, reply));
  app.get("/api/requests", async (request, reply) => pass(`/api/requests${queryOf(request.url)}`, reply));
  // The Tools (MCP) page: server states and tools, recent tool calls.
  app.get("/api/mcp/servers", async (request, reply) => pass(`/api/mcp/servers${queryOf(request.url)}`, reply));
  app.get("/api/mcp/calls", async (request, reply) => pass(`/api/mcp/calls${queryOf(request.url)}`, reply));
  app.get<{ Params: { id: string } }>("/api/requests/:id", async (request, reply) =>
    pass(`/api/requests/${encodeURIComponent(request.params.id)}${queryOf(request.url)}`, reply),
  );

  registerDuoStatsRoutes(app, { read, aliases: options.aliases, startedAt: Date.now() });
}
