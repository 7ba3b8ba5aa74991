import type { ServerResponse } from "node:http";
import type { GatewayReply } from "../gateway/gateway-types.js";

/**
 * Waits for backpressure to clear, or for the client to leave. Whichever happens first removes
 * both listeners, so a long stream to a slow client does not pile up listeners.
 */
export function drainOrClose(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** The content type fastify gave JSON answers; clients and tests see the same. */
const jsonContentType = "application/json; charset=utf-8";

function sendWhole(response: ServerResponse, answer: GatewayReply, body: string | Uint8Array, type: string): void {
  // The client has gone (it cancelled): there is no one to write to.
  if (response.destroyed) return;
  const headers = answer.headers;
  if (headers["content-type"] === undefined) headers["content-type"] = type;
  headers["content-length"] = String(Buffer.byteLength(body));
  response.writeHead(answer.status, headers);
  response.end(body);
}

/**
 * Writes a gateway reply to the socket: JSON and bytes in one write, streams chunk by chunk as
 * they come. What a stream produces in one turn of the event loop leaves in one write: the
 * socket is corked at the first write and uncorked once the loop has run this turn's callbacks
 * and promises (`setImmediate`). Nothing waits for a later upstream read, but the headers, the
 * first chunk (already in when a stream starts) and the chunked-encoding end of a stream whose
 * last bytes came with its end each cost no syscall of their own. `process.nextTick` would
 * uncork too early: it runs before the promise hops that hand the first chunk over.
 */
export async function sendReply(response: ServerResponse, answer: GatewayReply, signal: AbortSignal): Promise<void> {
  const { body } = answer;
  if (body.kind === "json") {
    if (!response.destroyed) sendWhole(response, answer, JSON.stringify(body.value), jsonContentType);
    return;
  }
  if (body.kind === "bytes") {
    sendWhole(response, answer, body.data, "application/octet-stream");
    return;
  }
  let corked = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };
  const corkForThisTick = () => {
    if (corked) return;
    corked = true;
    response.cork();
    setImmediate(uncork);
  };
  corkForThisTick();
  response.writeHead(answer.status, answer.headers);
  // Headers go out with the first uncork even when the first chunk is long in coming.
  response.flushHeaders();
  const iterator = body.chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Always ask at least once: the gateway's stream records its outcome only once it has started.
      const next = await iterator.next();
      if (next.done === true || signal.aborted) break;
      corkForThisTick();
      if (!response.write(next.value)) await drainOrClose(response);
    }
  } finally {
    // Ends the gateway's generator (its `finally` releases the upstream) when we stop early.
    await iterator.return?.();
    if (!response.destroyed) {
      corkForThisTick();
      response.end();
    }
  }
}
