import type { Readable } from "node:stream";
import { GatewayError } from "../../errors/gateway-error.js";
import type { Provider, UpstreamResponse } from "../../providers/provider.js";
import { UpstreamBody } from "../../upstream/upstream-body.js";
import { firstEventRefusal } from "./first-event-refusal.js";

/**
 * What has arrived once something has, or `null` for a body that ended empty, for a body that is
 * not an `UpstreamBody` (which knows its first chunk without being read). The bytes are put
 * back at once, in the same callback: had they been put back later, a body whose end came with
 * them would already have ended (its `end` is scheduled by the read that emptied it).
 */
function peekFirst(body: Readable): Promise<Buffer | string | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      body.off("readable", onReadable);
      body.off("end", onEnd);
      body.off("error", onError);
    };
    const onReadable = () => {
      const chunk = body.read() as Buffer | string | null;
      if (chunk === null) return;
      body.unshift(chunk);
      cleanup();
      resolve(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    body.on("readable", onReadable);
    body.on("end", onEnd);
    body.on("error", onError);
  });
}

/**
 * Waits for a streamed answer's first chunk before the answer counts as started. Until then
 * nothing has reached the client, so a reset, a hang, an empty body or a refusal as the first
 * event is still an attempt that failed and the router may retry it or move on; after it,
 * failures belong in the stream. The first bytes are only looked at: the body goes on as it was,
 * with no stream or generator added in front of it.
 */
export async function commitFirstChunk(provider: Provider, response: UpstreamResponse): Promise<UpstreamResponse> {
  const { body } = response;
  let head: Buffer | string | null;
  try {
    head = await (body instanceof UpstreamBody ? body.takeFirstChunk() : peekFirst(body));
  } catch (thrown) {
    body.destroy();
    if (thrown instanceof GatewayError) throw thrown;
    throw new GatewayError("upstream_unavailable", `The stream from ${provider.id} failed before its first byte.`, {
      cause: thrown,
      upstream: { provider: provider.id },
    });
  }
  if (head === null) {
    throw new GatewayError("upstream_error", `${provider.id} ended the stream before sending anything.`, {
      upstream: { provider: provider.id },
    });
  }
  const refusal = firstEventRefusal(provider.id, head);
  if (refusal !== undefined) {
    body.destroy();
    throw refusal;
  }
  return response;
}

const committing = new WeakMap<Provider, Provider>();

/** The provider as one attempt sees it: stream answers resolve once their first chunk is in. */
export function committingProvider(provider: Provider): Provider {
  let wrapped = committing.get(provider);
  if (wrapped === undefined) {
    wrapped = {
      ...provider,
      id: provider.id,
      type: provider.type,
      listModels: () => provider.listModels(),
      resolveModel: (name) => provider.resolveModel(name),
      close: () => provider.close(),
      // Not an async function: a whole answer goes through with no promise of its own.
      send: (request) => {
        let sent: Promise<UpstreamResponse>;
        try {
          sent = provider.send(request);
        } catch (error) {
          return Promise.reject(error);
        }
        return request.stream ? sent.then((response) => commitFirstChunk(provider, response)) : sent;
      },
    };
    committing.set(provider, wrapped);
  }
  return wrapped;
}
