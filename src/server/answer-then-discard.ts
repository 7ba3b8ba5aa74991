import type { IncomingMessage, ServerResponse } from "node:http";
import type { GatewayReply } from "../gateway/gateway-types.js";

export interface DiscardBounds {
  /** Bytes of the unread body read into nothing before the connection is closed anyway. */
  maximumBytes: number;
  /** A client that sends nothing for this long is not waited for. */
  idleMilliseconds: number;
}

/**
 * Answers a refusal (a body over the limit) while the client may still be uploading, then reads
 * the rest of the body into nothing and only then closes the connection.
 *
 * Closing at once is what most clients cannot take: fetch/undici, the official SDKs, Claude Code
 * and Python's http.client write the whole body before they read, so a socket closed under them
 * ends in EPIPE or a reset, the answer unread, and the SDKs upload the body again. The answer is
 * written whole (status, headers, body with its length) at once, so a client that reads early has
 * it; the response is ended, which closes the socket, once the body is in or a bound is passed.
 */
export function answerThenDiscard(
  request: IncomingMessage,
  response: ServerResponse,
  answer: GatewayReply,
  bounds: DiscardBounds,
): Promise<void> {
  if (response.destroyed) return Promise.resolve();
  const text = answer.body.kind === "json" ? JSON.stringify(answer.body.value) : "";
  response.writeHead(answer.status, {
    ...answer.headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    connection: "close",
  });
  response.write(text);
  return new Promise((resolve) => {
    let discarded = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      request.off("data", onData);
      request.off("end", finish);
      request.off("close", finish);
      request.off("error", finish);
      // Ending a `connection: close` response closes the socket once the answer is out; a socket
      // the client already closed never finishes, so its `close` settles too.
      response.once("close", () => resolve());
      response.end(() => resolve());
      if (!request.complete) request.pause();
    };
    const idle = setTimeout(finish, bounds.idleMilliseconds);
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > bounds.maximumBytes) return finish();
      idle.refresh();
    };
    if (request.complete) return finish();
    request.on("data", onData);
    request.on("end", finish);
    request.on("close", finish);
    request.on("error", finish);
    request.resume();
  });
}
