import type { Readable } from "node:stream";
import { GatewayError } from "../errors/gateway-error.js";

/** No model answer comes near this; an upstream sending more is broken, and must not exhaust memory. */
const maximumBytes = 64 * 1024 * 1024;

/** Reads a whole upstream body (non-stream answers only), refusing one larger than 64 MiB. */
export async function readBody(body: Readable, limit = maximumBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > limit) {
      body.destroy();
      throw new GatewayError("upstream_error", `The upstream's answer is larger than ${limit} bytes; it was not read.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
