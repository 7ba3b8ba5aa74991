import type { FastifyInstance } from "fastify";
import type { Gateway } from "../../gateway/gateway.js";
import { pathPrefixes } from "../route-config.js";

/**
 * `POST /v1/embeddings` (OpenAI's shape), behind the client key like every non-public route. The
 * gateway routes it (fallbacks, retries), applies the key's model list and limits, and records it.
 */
export function registerEmbeddingsRoutes(app: FastifyInstance, gateway: Gateway): void {
  for (const prefix of pathPrefixes) {
    app.post(`${prefix}/embeddings`, { config: { api: "openai-chat" } }, async (request, reply) => {
      const aborted = new AbortController();
      // The client went away: stop spending the upstream's quota on an answer nobody reads.
      // (The response's close, not the request's: the request closes once its body is read.)
      reply.raw.once("close", () => {
        if (!reply.raw.writableFinished) aborted.abort();
      });
      const answer = await gateway.embeddings({
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        headers: request.headers,
        signal: aborted.signal,
        requestId: request.id,
        principal: request.principal,
      });
      reply.code(answer.status).headers(answer.headers);
      if (answer.body.kind === "bytes") return reply.send(answer.body.data);
      return reply.send(answer.body.kind === "json" ? answer.body.value : undefined);
    });
  }
}
