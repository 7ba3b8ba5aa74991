import type { Readable } from "node:stream";

/** Reads at most `limit` bytes of a body as text and discards the rest, so a huge error page cannot fill memory. */
export async function readBoundedText(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    if (size + buffer.length >= limit) {
      chunks.push(buffer.subarray(0, limit - size));
      size = limit;
      body.destroy();
      break;
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return Buffer.concat(chunks).toString("utf8");
}
