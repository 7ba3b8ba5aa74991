import { StringDecoder } from "node:string_decoder";
import { bodyCapChars } from "../store/redact-body.js";
import type { UsageRecord } from "../store/usage-record.js";
import type { Served } from "./stream/served.js";

type Bodies = NonNullable<UsageRecord["bodies"]>;

/**
 * Notes the answer the client receives in the usage record's bodies (`store.bodies: true` only:
 * the caller does not call this otherwise). A whole answer is kept as it is; a stream is copied
 * chunk by chunk as it goes out (the raw SSE text of a passthrough or of a translation's encoder),
 * up to the store's cap: past it only its length is counted, so a long stream costs no memory.
 * The returned function writes what was seen into `bodies`; it is called when the answer is over,
 * ended whole or cut off. The store redacts and caps it like any other body.
 */
export function captureResponseBody(served: Served, bodies: Bodies): () => void {
  const body = served.body;
  if (body.kind === "json") {
    bodies.response = JSON.stringify(body.value);
    return () => undefined;
  }
  if (body.kind === "bytes") {
    bodies.response = body.data.toString("utf8");
    return () => undefined;
  }
  const decoder = new StringDecoder("utf8");
  let text = "";
  let length = 0;
  const note = (chunk: Uint8Array | string) => {
    const piece = typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    length += piece.length;
    if (text.length < bodyCapChars) text += piece.length > bodyCapChars ? piece.slice(0, bodyCapChars) : piece;
  };
  const pipe = body.pipe;
  served.body = {
    kind: "stream",
    pipe: {
      start: (sink) =>
        pipe.start({
          write(chunk) {
            note(chunk);
            return sink.write(chunk);
          },
          end() {
            note(decoder.end());
            sink.end();
          },
        }),
    },
  };
  return () => {
    if (length === 0) return;
    bodies.response = text;
    if (length > text.length) bodies.responseLength = length;
  };
}
