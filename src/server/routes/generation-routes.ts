import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Gateway } from "../../gateway/gateway.js";
import type { GatewayInput, GatewayReply } from "../../gateway/gateway-types.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { parseJsonBody } from "../parse-json-body.js";
import { pathPrefixes } from "../route-config.js";
import { sendReply } from "../send-reply.js";

/** Aborted as soon as the client's connection closes before the answer is complete. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function queryString(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? "" : url.slice(index);
}

function handler(api: WireApi, run: (input: GatewayInput) => Promise<GatewayReply>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const signal = clientGone(reply);
    const { body, rawBody } = parseJsonBody(request.body);
    const answer = await run({
      clientApi: api,
      body,
      rawBody,
      query: queryString(request.url),
      headers: request.headers,
      signal,
      requestId: request.id,
    });
    await sendReply(reply, answer, signal);
  };
}

/** POST routes of the three APIs, under every accepted prefix. */
export function registerGenerationRoutes(app: FastifyInstance, gateway: Gateway): void {
  for (const prefix of pathPrefixes) {
    app.post(
      `${prefix}/messages`,
      { config: { api: "anthropic-messages" } },
      handler("anthropic-messages", gateway.handle),
    );
    app.post(
      `${prefix}/messages/count_tokens`,
      { config: { api: "anthropic-messages" } },
      handler("anthropic-messages", gateway.countTokens),
    );
    app.post(`${prefix}/chat/completions`, { config: { api: "openai-chat" } }, handler("openai-chat", gateway.handle));
    app.post(
      `${prefix}/responses`,
      { config: { api: "openai-responses" } },
      handler("openai-responses", gateway.handle),
    );
  }
}
