import { Readable } from "node:stream";
import { GatewayError } from "../errors/gateway-error.js";
import type { Provider, UpstreamResponse } from "../providers/provider.js";
import { firstEventRefusal } from "./first-event-refusal.js";

/**
 * Waits for a streamed answer's first chunk before the answer counts as started. Until then
 * nothing has reached the client, so a reset, a hang, an empty body or a refusal as the first
 * event is still an attempt that failed and the router may retry it or move on; after it,
 * failures belong in the stream.
 */
export async function commitFirstChunk(provider: Provider, response: UpstreamResponse): Promise<UpstreamResponse> {
  const original = response.body;
  const iterator = original[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let first: IteratorResult<Buffer | string>;
  try {
    first = await iterator.next();
  } catch (thrown) {
    original.destroy();
    if (thrown instanceof GatewayError) throw thrown;
    throw new GatewayError("upstream_unavailable", `The stream from ${provider.id} failed before its first byte.`, {
      cause: thrown,
      upstream: { provider: provider.id },
    });
  }
  if (first.done === true) {
    throw new GatewayError("upstream_error", `${provider.id} ended the stream before sending anything.`, {
      upstream: { provider: provider.id },
    });
  }
  const head = first.value;
  const refusal = firstEventRefusal(provider.id, typeof head === "string" ? head : head.toString("utf8"));
  if (refusal !== undefined) {
    original.destroy();
    throw refusal;
  }
  async function* rest(): AsyncGenerator<Buffer | string> {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  const body = Readable.from(rest(), { objectMode: false });
  // The consumer destroys what it was given; the socket underneath must go with it.
  body.once("close", () => original.destroy());
  return { ...response, body };
}

/** The provider as one attempt sees it: stream answers resolve once their first chunk is in. */
export function committingProvider(provider: Provider): Provider {
  return {
    ...provider,
    id: provider.id,
    type: provider.type,
    listModels: () => provider.listModels(),
    resolveModel: (name) => provider.resolveModel(name),
    close: () => provider.close(),
    send: async (request) => {
      const response = await provider.send(request);
      return request.stream ? commitFirstChunk(provider, response) : response;
    },
  };
}
