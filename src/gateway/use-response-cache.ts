import type { CachedAnswer } from "../response-cache/cache-storage.js";
import type { CacheLookup, ResponseCache } from "../response-cache/response-cache.js";
import type { UsageRecord } from "../store/usage-record.js";
import type { ChunkPipe } from "./stream/chunk-pipe.js";
import type { GatewayInput, GatewayReply } from "./gateway-types.js";
import type { RequestBody } from "./turn/request-body.js";
import type { Outcome, Served } from "./stream/served.js";

export const cacheHeader = "x-switchboard-cache";

/** An answer larger than this is served but not kept. */
const maxCachedBytes = 4 * 1024 * 1024;

/** The request's cache lookup, when its route or the request opts in (cheap: no lookup otherwise). */
export function considerCache(
  cache: ResponseCache | undefined,
  input: GatewayInput,
  body: RequestBody,
  record: UsageRecord,
): CacheLookup | undefined {
  if (cache === undefined) return undefined;
  return cache.consider({
    clientApi: input.clientApi,
    route: record.requestedModel,
    keyId: record.keyId,
    headers: input.headers,
    body: body.get(),
  });
}

/** A cached stream replayed as a stream, chunk by chunk as the client's socket takes them. */
function replayPipe(chunks: Buffer[]): ChunkPipe {
  return {
    start(sink) {
      let index = 0;
      let stopped = false;
      const pump = () => {
        while (!stopped && index < chunks.length) if (!sink.write(chunks[index++]!)) return;
        if (!stopped && index === chunks.length) {
          index += 1;
          sink.end();
        }
      };
      pump();
      return { resume: pump, stop: () => (stopped = true) };
    },
  };
}

/** The reply for a cache hit, with `x-switchboard-cache: hit`. */
export function cachedReply(answer: CachedAnswer, requestId: string): GatewayReply {
  const headers: Record<string, string> = {
    "content-type": answer.contentType,
    [cacheHeader]: "hit",
    "x-request-id": requestId,
  };
  if (answer.kind === "stream") {
    headers["cache-control"] = "no-cache";
    return { status: answer.status, headers, body: { kind: "stream", pipe: replayPipe(answer.chunks) } };
  }
  return { status: answer.status, headers, body: { kind: "bytes", data: Buffer.concat(answer.chunks) } };
}

/**
 * Marks a fresh answer `x-switchboard-cache: miss` and copies what goes to the client; the
 * returned function keeps it once the answer is over, only if it succeeded whole (errors,
 * broken streams and cut-off clients are never cached).
 */
export function captureForCache(lookup: CacheLookup, served: Served): (outcome: Outcome) => void {
  served.headers[cacheHeader] = "miss";
  const contentType = served.headers["content-type"] ?? "application/json";
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = false;
  const keep = (chunk: Uint8Array | string) => {
    if (size > maxCachedBytes) return;
    const copy = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += copy.length;
    chunks.push(copy);
  };
  const body = served.body;
  if (body.kind === "json") {
    keep(JSON.stringify(body.value));
    complete = true;
  } else if (body.kind === "bytes") {
    keep(body.data);
    complete = true;
  } else {
    const pipe = body.pipe;
    served.body = {
      kind: "stream",
      pipe: {
        start: (sink) =>
          pipe.start({
            write(chunk) {
              keep(chunk);
              return sink.write(chunk);
            },
            end() {
              complete = true;
              sink.end();
            },
          }),
      },
    };
  }
  return (outcome) => {
    if (!complete || outcome.error !== undefined || served.status !== 200 || size > maxCachedBytes) return;
    lookup.save({ status: served.status, contentType, kind: body.kind === "stream" ? "stream" : "whole", chunks });
  };
}
