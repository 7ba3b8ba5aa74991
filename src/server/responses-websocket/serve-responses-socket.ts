import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { WebSocket } from "ws";
import type { Gateway } from "../../gateway/gateway.js";
import { pipeChunks } from "../../gateway/stream/chunk-pipe.js";
import type { GatewayReply } from "../../gateway/gateway-types.js";
import type { Principal } from "../../keys/key-authenticator.js";
import type { Logger } from "../../lib/logger.js";
import { parseSse } from "../../lib/sse.js";
import { errorEvent, prewarmEvents } from "./socket-events.js";

type Json = Record<string, unknown>;

/** The last completed response on this connection: what `previous_response_id` refers to. */
interface PreviousResponse {
  id: string;
  /** The input that produced it followed by its output items. */
  items: unknown[];
}

function asItems(input: unknown): unknown[] {
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  return Array.isArray(input) ? input : [];
}

// The beta header that asked for this mode means nothing to the HTTP upstream the gateway calls.
function headersForUpstream(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  const beta = copy["openai-beta"];
  if (typeof beta === "string" && beta.includes("responses_websockets")) delete copy["openai-beta"];
  return copy;
}

async function* toBytes(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array | string> {
  yield* chunks;
}

/**
 * One Responses WebSocket connection: each `response.create` message is served like
 * `POST /v1/responses` with `stream: true`, and each stream event is sent as one text message.
 * Responses run one at a time, in order. `previous_response_id` naming the connection's last
 * response is expanded into the full input here, so upstreams that keep no state (`store: false`,
 * other APIs) can serve it.
 */
export function serveResponsesSocket(options: {
  socket: WebSocket;
  headers: IncomingHttpHeaders;
  gateway: Gateway;
  /** Who opened the socket (the key whose limits its responses count against). */
  principal?: Principal | undefined;
  logger: Logger;
}): void {
  const { socket, gateway, logger } = options;
  const closed = new AbortController();
  logger.info("responses websocket connected");
  socket.on("close", () => {
    closed.abort();
    logger.info("responses websocket closed");
  });
  let previous: PreviousResponse | undefined;
  let queue = Promise.resolve();

  const send = (text: string): void => {
    if (socket.readyState === socket.OPEN) socket.send(text);
  };
  /**
   * Sends, and when more than `highWaterMark` bytes are still queued for a slow client, waits until
   * this message has been written: the upstream stream is read no faster than the client takes it.
   */
  const highWaterMark = 1 << 20;
  const sendPaced = (text: string): Promise<void> | undefined => {
    if (socket.readyState !== socket.OPEN) return undefined;
    if (socket.bufferedAmount < highWaterMark) {
      socket.send(text);
      return undefined;
    }
    return new Promise((resolve) => socket.send(text, () => resolve()));
  };

  async function serve(event: Json): Promise<void> {
    const { type: _type, ...fields } = event;
    const body: Json = { ...fields, stream: true };
    const previousId = body["previous_response_id"];
    if (typeof previousId === "string" && previous?.id === previousId) {
      body["input"] = [...previous.items, ...asItems(body["input"])];
      delete body["previous_response_id"];
    }
    delete body["generate"];
    if (event["generate"] === false) {
      const prewarm = prewarmEvents(body["model"]);
      for (const text of prewarm.events) send(text);
      previous = { id: prewarm.id, items: asItems(body["input"]) };
      return;
    }
    const requestId = `req_${randomUUID().replaceAll("-", "")}`;
    const reply: GatewayReply = await gateway.handle({
      clientApi: "openai-responses",
      body,
      rawBody: Buffer.from(JSON.stringify(body)),
      query: "",
      headers: headersForUpstream(options.headers),
      signal: closed.signal,
      requestId,
      ...(options.principal === undefined ? {} : { principal: options.principal }),
    });
    if (reply.body.kind !== "stream") {
      send(errorEvent(reply.status, reply.body.kind === "json" ? reply.body.value : undefined, reply.headers));
      return;
    }
    for await (const sseEvent of parseSse(toBytes(pipeChunks(reply.body.pipe)))) {
      if (sseEvent.data === "[DONE]") continue;
      const written = sendPaced(sseEvent.data);
      if (written !== undefined) await written;
      if (sseEvent.event === "response.completed" || sseEvent.data.includes('"response.completed"')) {
        const completed = JSON.parse(sseEvent.data) as { type?: string; response?: { id?: unknown; output?: unknown } };
        if (completed.type === "response.completed" && typeof completed.response?.id === "string") {
          previous = {
            id: completed.response.id,
            items: [...asItems(body["input"]), ...asItems(completed.response.output)],
          };
        }
      }
    }
  }

  socket.on("message", (data, isBinary) => {
    queue = queue.then(async () => {
      if (closed.signal.aborted) return;
      let event: unknown;
      try {
        event = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        event = undefined;
      }
      if (event === null || typeof event !== "object" || (event as Json)["type"] !== "response.create") {
        send(
          errorEvent(400, {
            error: {
              type: "invalid_request_error",
              code: "invalid_request",
              message: 'Expected a JSON text message of type "response.create".',
            },
          }),
        );
        return;
      }
      try {
        await serve(event as Json);
      } catch (error) {
        logger.error({ err: error }, "responses websocket message failed");
        send(
          errorEvent(500, {
            error: { type: "server_error", code: "internal", message: "An internal error occurred in the gateway." },
          }),
        );
      }
    });
  });
}
