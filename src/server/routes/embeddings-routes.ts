import type { FastifyInstance } from "fastify";
import { serveEmbeddings } from "../../embeddings/serve-embeddings.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { Gateway } from "../../gateway/gateway.js";
import type { AccessGrant, RequestAccess } from "../../limits/request-access.js";
import { pathPrefixes } from "../route-config.js";

function parseBody(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString("utf8") : "";
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError("invalid_request", "The request body is not valid JSON.");
  }
}

/**
 * `POST /v1/embeddings` (OpenAI's shape), behind the client key like every non-public route, and
 * under the same key allowances and limits as the model routes (a key's model list, rpm, parallel).
 */
export function registerEmbeddingsRoutes(app: FastifyInstance, gateway: Gateway, access?: RequestAccess): void {
  for (const prefix of pathPrefixes) {
    app.post(`${prefix}/embeddings`, { config: { api: "openai-chat" } }, async (request, reply) => {
      const aborted = new AbortController();
      // The client went away: stop spending the upstream's quota on an answer nobody reads.
      // (The response's close, not the request's: the request closes once its body is read.)
      reply.raw.once("close", () => {
        if (!reply.raw.writableFinished) aborted.abort();
      });
      let grant: AccessGrant | undefined;
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      reply.raw.once("close", () => grant?.settle({}));
      const upstream = await serveEmbeddings({
        table: gateway.table,
        body: parseBody(request.body),
        signal: aborted.signal,
        admit: async (model) => {
          grant = await access?.admit({
            principal: request.principal,
            model,
            requestId: request.id,
            bodyBytes: body.length,
          });
        },
      });
      return reply
        .code(upstream.status)
        .header("content-type", upstream.headers["content-type"] ?? "application/json")
        .send(upstream.body);
    });
  }
}
