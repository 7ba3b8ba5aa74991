import type { ServerResponse } from "node:http";
import type { ChunkPipe, PipeControl } from "../gateway/stream/chunk-pipe.js";
import type { GatewayReply } from "../gateway/gateway-types.js";

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
 * Corks the response for the rest of this turn of the event loop: what a stream produces in one
 * turn leaves in one write. Uncorked once the loop has run this turn's callbacks and promises
 * (`setImmediate`). Nothing waits for a later upstream read, but the headers, the first chunk
 * (already in when a stream starts) and the chunked-encoding end of a stream whose last bytes
 * came with its end each cost no syscall of their own. `process.nextTick` would uncork too
 * early: the stream's reader gets the chunk the upstream body holds from a `readable` event
 * that comes on a later tick.
 */
function turnCorker(response: ServerResponse): () => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    response.cork();
    setImmediate(uncork);
  };
}

/** Writes the status and headers of a stream; they go out with the first uncork even when the first chunk is long in coming. */
function startStream(response: ServerResponse, answer: GatewayReply, cork: () => void): void {
  cork();
  // A queue's keep-alive (queue-keep-alive.ts) may have begun the stream already.
  if (response.headersSent) return;
  response.writeHead(answer.status, answer.headers);
  response.flushHeaders();
}

/**
 * A pushed stream: each chunk is written as its producer hands it over; a full socket pauses the
 * producer until `drain`; a client that leaves stops it. Settles when the response is over.
 */
function sendStream(response: ServerResponse, answer: GatewayReply, pipe: ChunkPipe): Promise<void> {
  return new Promise((resolve) => {
    const cork = turnCorker(response);
    startStream(response, answer, cork);
    let over = false;
    // Set once `start` returns; a producer may already write or end inside `start`.
    const started: { control?: PipeControl } = {};
    const onDrain = () => started.control?.resume();
    // `close` before the end: the client left.
    const onClose = () => {
      if (over) return;
      settle();
      started.control?.stop();
    };
    const settle = () => {
      over = true;
      response.off("drain", onDrain);
      response.off("close", onClose);
      resolve();
    };
    response.on("drain", onDrain);
    response.on("close", onClose);
    started.control = pipe.start({
      write(chunk) {
        if (over) return true;
        cork();
        return response.write(chunk);
      },
      end() {
        if (over) return;
        settle();
        if (!response.destroyed) {
          cork();
          response.end();
        }
      },
    });
  });
}

/**
 * Writes a gateway reply to the socket: JSON and bytes in one write, streams chunk by chunk as
 * they come, corked for each turn of the event loop (`turnCorker`).
 */
export function sendReply(response: ServerResponse, answer: GatewayReply): Promise<void> {
  const { body } = answer;
  if (body.kind === "json") {
    if (!response.destroyed) sendWhole(response, answer, JSON.stringify(body.value), jsonContentType);
    return Promise.resolve();
  }
  if (body.kind === "bytes") {
    sendWhole(response, answer, body.data, "application/octet-stream");
    return Promise.resolve();
  }
  return sendStream(response, answer, body.pipe);
}
