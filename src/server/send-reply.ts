import { once } from "node:events";
import type { FastifyReply } from "fastify";
import type { GatewayReply } from "../gateway/gateway-types.js";

/** Writes a gateway reply. Streams bypass fastify (`hijack`) and go chunk by chunk to the socket. */
export async function sendReply(reply: FastifyReply, answer: GatewayReply, signal: AbortSignal): Promise<void> {
  const { body } = answer;
  if (body.kind === "json") {
    await reply.code(answer.status).headers(answer.headers).send(body.value);
    return;
  }
  if (body.kind === "bytes") {
    await reply.code(answer.status).headers(answer.headers).send(body.data);
    return;
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(answer.status, answer.headers);
  raw.flushHeaders();
  const iterator = body.chunks[Symbol.asyncIterator]();
  // Chunks produced in the same tick (a translated upstream read becomes many events) leave in one
  // write: the socket is corked at the first and uncorked once the tick's work is done, so nothing
  // waits for a later chunk, but a read of 40 events costs one syscall instead of 40.
  let corked = false;
  const uncork = () => {
    corked = false;
    raw.uncork();
  };
  try {
    for (;;) {
      // Always ask at least once: the gateway's stream records its outcome only once it has started.
      const next = await iterator.next();
      if (next.done === true || signal.aborted) break;
      if (!corked) {
        corked = true;
        raw.cork();
        process.nextTick(uncork);
      }
      if (!raw.write(next.value)) {
        // Respect backpressure, but stop waiting if the client leaves.
        await Promise.race([once(raw, "drain"), once(raw, "close")]);
      }
    }
  } finally {
    // Ends the gateway's generator (its `finally` releases the upstream) when we stop early.
    await iterator.return?.();
    if (!raw.destroyed) raw.end();
  }
}
