import { serveEmbeddings, type EmbeddingsInput } from "../embeddings/serve-embeddings.js";
import type { PolicyTable } from "../router/plan-route.js";
import type { GatewayDependencies, GatewayReply } from "./gateway-types.js";
import { errorReply } from "./reply/error-reply.js";
import { failureHeaders, servedHeaders } from "./reply/routing-headers.js";

/**
 * `POST /v1/embeddings` through the gateway's shared state (deployment health, backoff, keys and
 * limits, the usage sink), answered with the same routing headers as chat and its errors in
 * OpenAI's shape.
 */
export async function handleEmbeddings(
  input: EmbeddingsInput,
  dependencies: GatewayDependencies,
  table: PolicyTable,
): Promise<GatewayReply> {
  const outcome = await serveEmbeddings(input, {
    table,
    usageSink: dependencies.usageSink,
    logger: dependencies.logger,
    health: dependencies.health,
    backoff: dependencies.backoff,
    access: dependencies.access,
  });
  const requestId = { "x-request-id": input.requestId };
  if (!outcome.ok) {
    const headers = failureHeaders({
      error: outcome.error,
      attempts: outcome.attempts,
      plan: outcome.plan?.plan,
      health: dependencies.health,
      now: Date.now(),
    });
    return errorReply("openai-chat", outcome.error, { ...requestId, ...headers });
  }
  const headers = Object.assign(
    { "content-type": outcome.contentType },
    requestId,
    servedHeaders({
      provider: outcome.provider,
      model: outcome.model,
      routeName: outcome.routeName,
      attempts: outcome.attempts,
    }),
  );
  return { status: outcome.status, headers, body: { kind: "bytes", data: outcome.body } };
}
