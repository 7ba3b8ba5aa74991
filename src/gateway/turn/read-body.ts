import type { Readable } from "node:stream";
import { GatewayError } from "../../errors/gateway-error.js";

/** No model answer comes near this; an upstream sending more is broken, and must not exhaust memory. */
const maximumBytes = 64 * 1024 * 1024;

/**
 * Reads a whole upstream body (non-stream answers only), refusing one larger than 64 MiB.
 * Listens for `data` rather than iterating: every non-stream answer comes through here, and an
 * async iterator costs a promise per chunk and its own setup.
 */
export function readBody(body: Readable, limit = maximumBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.off("data", onData);
      reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      length += buffer.length;
      if (length > limit) {
        fail(
          new GatewayError("upstream_error", `The upstream's answer is larger than ${limit} bytes; it was not read.`),
        );
        body.destroy();
        return;
      }
      chunks.push(buffer);
    };
    body.on("data", onData);
    // `on`, not `once` (which wraps each listener): `settled` keeps every outcome to one, and the
    // body is read once and let go.
    body.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
    });
    body.on("error", fail);
    // Destroyed without an error (someone else gave the body up): the answer will never be whole.
    // `close` also follows every complete answer: the error is built only when it is needed.
    body.on("close", () => {
      if (!settled) fail(new GatewayError("upstream_error", "The upstream's answer ended before it was complete."));
    });
  });
}
