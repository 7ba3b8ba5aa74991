import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config/schema.js";
import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import { errorReply } from "../gateway/reply/error-reply.js";
import type { Gateway } from "../gateway/gateway.js";
import type { GatewayInput, GatewayReply } from "../gateway/gateway-types.js";
import type { Logger } from "../lib/logger.js";
import { randomId } from "../lib/random-id.js";
import { RequestAbortController } from "../lib/request-abort-controller.js";
import type { WireApi } from "../protocols/wire-api.js";
import { adminKeyCannotSpendError, type KeyAuthenticator, type Principal } from "../keys/key-authenticator.js";
import { answerThenDiscard } from "./answer-then-discard.js";
import { presentedKey } from "../lib/client-key.js";
import { bodyTooLargeError } from "./client-auth.js";
import { parseJsonBody } from "./parse-json-body.js";
import { pathPrefixes } from "./route-config.js";
import { QueueKeepAlive } from "./queue-keep-alive.js";
import { sendReply } from "./send-reply.js";

/** A POST route of one of the three APIs. */
export interface GenerationRoute {
  api: WireApi;
  operation: "generate" | "count_tokens";
}

/** Every generation path under every accepted prefix, without the query string. */
export const generationRoutes: ReadonlyMap<string, GenerationRoute> = new Map(
  pathPrefixes.flatMap((prefix): [string, GenerationRoute][] => [
    [`${prefix}/messages`, { api: "anthropic-messages", operation: "generate" }],
    [`${prefix}/messages/count_tokens`, { api: "anthropic-messages", operation: "count_tokens" }],
    [`${prefix}/chat/completions`, { api: "openai-chat", operation: "generate" }],
    [`${prefix}/responses`, { api: "openai-responses", operation: "generate" }],
  ]),
);

/** The generation route a request is for, if any. */
export function generationRouteOf(method: string | undefined, url: string | undefined): GenerationRoute | undefined {
  if (method !== "POST" || url === undefined) return undefined;
  const query = url.indexOf("?");
  return generationRoutes.get(query === -1 ? url : url.slice(0, query));
}

export function newRequestId(): string {
  return randomId("req_");
}

/** Aborted as soon as the client's connection closes before the answer is complete. */
function clientGone(response: ServerResponse): RequestAbortController {
  const controller = new RequestAbortController();
  // `on`, not `once`: `close` comes once, and the response is this request's alone (`once` wraps every listener).
  response.on("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller;
}

type BodyResult = { ok: true; data: Buffer } | { ok: false; error: GatewayError };

/** Reads the request body, refusing one over the limit as soon as it is known to be. */
function readRequestBody(request: IncomingMessage, limitBytes: number, limitMb: number): Promise<BodyResult> {
  const tooLarge = (): BodyResult => ({ ok: false, error: bodyTooLargeError(limitMb) });
  const declared = Number(request.headers["content-length"]);
  if (declared > limitBytes) return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limitBytes) {
        request.off("data", onData);
        request.pause();
        settled = true;
        resolve(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    // `on`, not `once`: each of these comes at most once per request that matters (the guards
    // above and below), and the request object dies with the request; `once` wraps each listener.
    request.on("end", () => {
      settled = true;
      resolve({ ok: true, data: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    });
    // A client that goes away mid-body: nothing to answer. `close` after `end` changes nothing
    // (the body is already in); `close` or `error` before it means the body never will be. The
    // error is built only then: `close` follows every request, and an error's stack is not free.
    const left = () => {
      if (!settled) resolve({ ok: false, error: new GatewayError("client_closed", "The client left.") });
    };
    request.on("error", left);
    request.on("close", left);
  });
}

interface RefusalContext {
  api: WireApi;
  requestId: string;
  startedAt: number;
  error: GatewayError;
}

export interface GenerationServerOptions {
  config: Config;
  gateway: Gateway;
  logger: Logger;
  /** Checks the master key and virtual keys. */
  authenticator: KeyAuthenticator;
}

/**
 * Serves the POST routes of the three APIs straight on node:http: every coding-tool request takes
 * this path, so it carries only what such a request needs (client key, body limit, one JSON
 * parse, the gateway, the reply). Refusals are answered in the route's API shape and recorded.
 */
export function createGenerationServer(options: GenerationServerOptions) {
  const { config, gateway, logger, authenticator } = options;
  const apiKey = config.server.apiKey;
  const limitMb = config.server.bodyLimitMb;
  const limitBytes = Math.round(limitMb * 1024 * 1024);

  // What is read of a body over the limit before the connection is closed anyway: enough for any
  // real client's upload to finish at full speed, not an endless sink.
  const discardBounds = { maximumBytes: 4 * limitBytes, idleMilliseconds: 10_000 };

  function refuse(request: IncomingMessage, response: ServerResponse, context: RefusalContext) {
    const { api, requestId, startedAt, error } = context;
    gateway.recordRefusal({ requestId, clientApi: api, startedAt, error, headers: request.headers });
    return sendReply(response, errorReply(api, error, { "x-request-id": requestId }));
  }

  function refuseTooLarge(request: IncomingMessage, response: ServerResponse, context: RefusalContext) {
    const { api, requestId, startedAt, error } = context;
    gateway.recordRefusal({ requestId, clientApi: api, startedAt, error, headers: request.headers });
    return answerThenDiscard(request, response, errorReply(api, error, { "x-request-id": requestId }), discardBounds);
  }

  async function serve(request: IncomingMessage, response: ServerResponse, route: GenerationRoute): Promise<void> {
    const startedAt = Date.now();
    const requestId = newRequestId();
    const { api } = route;
    let principal: Principal | undefined;
    if (apiKey !== undefined) {
      try {
        principal = await authenticator.authenticate(presentedKey(request.headers));
        if (principal.kind === "admin") throw adminKeyCannotSpendError();
      } catch (error) {
        return refuse(request, response, { api, requestId, startedAt, error: toGatewayError(error) });
      }
    }
    const read = await readRequestBody(request, limitBytes, limitMb);
    if (!read.ok) {
      if (read.error.code === "client_closed") {
        // Nobody to answer, but the request still gets its usage record.
        gateway.recordRefusal({ requestId, clientApi: api, startedAt, error: read.error, headers: request.headers });
        return;
      }
      return refuseTooLarge(request, response, { api, requestId, startedAt, error: read.error });
    }
    const controller = clientGone(response);
    const keepAlive = new QueueKeepAlive(response, api);
    let answer: GatewayReply;
    try {
      answer = await answerFor(request, read.data, route, requestId, controller, keepAlive.waiting, principal);
    } catch (thrown) {
      const error = toGatewayError(thrown);
      if (!keepAlive.settle()) return refuse(request, response, { api, requestId, startedAt, error });
      gateway.recordRefusal({ requestId, clientApi: api, startedAt, error, headers: request.headers });
      return keepAlive.endWithError(errorReply(api, error));
    }
    // A stream the queue's keep-alive began carries the answer on; a failure becomes its error event.
    if (keepAlive.settle() && answer.body.kind !== "stream") return keepAlive.endWithError(answer);
    await sendReply(response, answer);
  }

  /**
   * Parses the body and asks the gateway. A function of its own, and not an async one, so that
   * no frame that waits for the answer holds the parsed body (the gateway takes it over).
   */
  function answerFor(
    request: IncomingMessage,
    data: Buffer,
    route: GenerationRoute,
    requestId: string,
    controller: RequestAbortController,
    onQueueWait: () => void,
    principal: Principal | undefined,
  ): Promise<GatewayReply> {
    const { body, rawBody } = parseJsonBody(data);
    const url = request.url ?? "";
    const query = url.indexOf("?");
    const input: GatewayInput = {
      clientApi: route.api,
      body,
      rawBody,
      query: query === -1 ? "" : url.slice(query),
      headers: request.headers,
      signal: controller.signal,
      // The controller is this request's alone: the route's deadline may abort it.
      abort: (reason) => controller.abort(reason),
      requestId,
      onQueueWait,
    };
    if (principal !== undefined) input.principal = principal;
    return route.operation === "generate" ? gateway.handle(input) : gateway.countTokens(input);
  }

  return (request: IncomingMessage, response: ServerResponse, route: GenerationRoute): void => {
    serve(request, response, route).catch((error: unknown) => {
      logger.error({ err: error }, "unhandled error serving a generation request");
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  };
}
