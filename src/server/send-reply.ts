import { once } from "node:events";
import type { FastifyReply } from "fastify";
import type { GatewayReply } from "../gateway/gateway-types.js";

/**
 * Waits for backpressure to clear, or for the client to leave. The listener that loses the race is
 * removed, so a long stream to a slow client does not pile up listeners.
 */
export async function drainOrClose(stream: NodeJS.EventEmitter): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([
      once(stream, "drain", { signal: controller.signal }),
      once(stream, "close", { signal: controller.signal }),
    ]);
  } finally {
    controller.abort();
  }
}

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
  // What is written in the same tick leaves in one write: the socket is corked at the first write
  // and uncorked once the tick's work is done. Nothing waits for a later chunk, but the headers and
  // a first chunk already read, or the 40 events a translated upstream read becomes, cost one
  // syscall instead of one each.
  let corked = false;
  const uncork = () => {
    corked = false;
    raw.uncork();
  };
  const corkForThisTick = () => {
    if (corked) return;
    corked = true;
    raw.cork();
    process.nextTick(uncork);
  };
  corkForThisTick();
  raw.writeHead(answer.status, answer.headers);
  // Headers go out at the end of this tick even when the first chunk is long in coming.
  raw.flushHeaders();
  const iterator = body.chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Always ask at least once: the gateway's stream records its outcome only once it has started.
      const next = await iterator.next();
      if (next.done === true || signal.aborted) break;
      corkForThisTick();
      if (!raw.write(next.value)) await drainOrClose(raw);
    }
  } finally {
    // Ends the gateway's generator (its `finally` releases the upstream) when we stop early.
    await iterator.return?.();
    if (!raw.destroyed) {
      corkForThisTick();
      raw.end();
    }
  }
}
