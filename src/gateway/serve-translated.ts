import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import type { StreamPart } from "../ir/stream-part.js";
import type { Warning } from "../ir/warning.js";
import { parseSse } from "../lib/sse.js";
import { protocols } from "../protocols/registry.js";
import type { WireApi } from "../protocols/wire-api.js";
import type { RequestContext } from "../providers/provider.js";
import type { RouteTarget } from "../router/route-target.js";
import { translators } from "../translate/registry.js";
import { lowerTools, ToolNameMap } from "../translate/shared/lower-tools.js";
import type { DecodedRequest } from "../translate/translator.js";
import { dedupeWarnings, dropCrossProtocolFeatures } from "./cross-protocol-warnings.js";
import { batchByRead } from "./batch-by-read.js";
import { readBody } from "./read-body.js";
import type { Outcome, Served } from "./served.js";

export interface TranslatedOptions {
  target: RouteTarget;
  clientApi: WireApi;
  upstreamApi: WireApi;
  /** The client's request in the IR, decoded once for every target tried. */
  decoded: DecodedRequest;
  /** The name the client asked for, shown back in the answer. */
  requestedModel: string;
  context: RequestContext;
  signal: AbortSignal;
}

/** Different APIs: client wire → IR → upstream wire, and the answer back the same way. */
export async function serveTranslated(options: TranslatedOptions): Promise<Served> {
  const { target, clientApi, upstreamApi, signal } = options;
  const dropped = dropCrossProtocolFeatures(options.decoded.request, clientApi, upstreamApi);
  let request = dropped.request;
  let names = new ToolNameMap();
  // Only Responses has namespaces and freeform tools; other upstreams get plain functions.
  if (upstreamApi !== "openai-responses") ({ request, names } = lowerTools(request));
  const encoded = translators[upstreamApi].encodeRequest(request, { model: target.model.id });
  const warnings: Warning[] = dedupeWarnings([...options.decoded.warnings, ...dropped.warnings, ...encoded.warnings]);
  const upstream = await target.provider.send({
    api: upstreamApi,
    model: target.model.id,
    body: JSON.stringify(encoded.body),
    stream: request.stream,
    context: options.context,
    signal,
  });
  const headers: Record<string, string> = { ...upstream.exposeHeaders };
  // `includeUsage`: a Chat client's `stream_options.include_usage`, which decides whether its stream ends with a usage chunk.
  const includeUsage = options.decoded.request.includeUsage;
  const encodeOptions = { model: options.requestedModel, ...(includeUsage === undefined ? {} : { includeUsage }) };
  if (!request.stream) {
    const text = (await readBody(upstream.body)).toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new GatewayError(
        "upstream_error",
        `The upstream ${target.provider.id} answered with a body that is not JSON.`,
        {
          cause: error,
          upstream: { provider: target.provider.id, status: upstream.status, bodyExcerpt: text.slice(0, 200) },
        },
      );
    }
    const response = translators[upstreamApi].decodeResponse(parsed);
    const restored = { ...response, content: names.restoreContent(response.content) };
    headers["content-type"] = "application/json";
    return {
      status: 200,
      headers,
      body: { kind: "json", value: translators[clientApi].encodeResponse(restored, encodeOptions) },
      upstreamApi,
      passthrough: false,
      warnings,
      completion: Promise.resolve({ usage: response.usage, finishReason: response.finishReason }),
    };
  }
  let settle: (outcome: Outcome) => void = () => undefined;
  const completion = new Promise<Outcome>((resolve) => (settle = resolve));
  const outcome: Outcome = {};
  // Notes the outcome as parts go by. A plain iterator, not a generator: one promise per part.
  function observe(parts: AsyncIterable<StreamPart>): AsyncIterableIterator<StreamPart> {
    const source = parts[Symbol.asyncIterator]();
    const note = (result: IteratorResult<StreamPart>): IteratorResult<StreamPart> => {
      if (result.done !== true) {
        const part = result.value;
        if (part.type === "finish") {
          outcome.usage = part.usage;
          outcome.finishReason = part.reason;
        } else if (part.type === "error") {
          outcome.error = part.error;
        }
      }
      return result;
    };
    return {
      next: () => source.next().then(note),
      return: async () => (await source.return?.()) ?? { value: undefined, done: true },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
  async function* chunks(): AsyncGenerator<string> {
    try {
      // The decoder stops at the upstream's last event; a Readable iterated to an early return would
      // be destroyed with an AbortError (a stack trace per request). The `finally` below destroys it.
      const body = upstream.body.iterator({ destroyOnReturn: false });
      yield* batchByRead(body, (input) => {
        const parts = names.restoreStream(translators[upstreamApi].decodeStream(parseSse(input)));
        return translators[clientApi].encodeStream(observe(parts), encodeOptions);
      });
    } catch (thrown) {
      const error = signal.aborted
        ? new GatewayError("client_closed", "The client closed the connection.")
        : toGatewayError(thrown);
      outcome.error = error;
      if (!signal.aborted) yield protocols[clientApi].renderStreamError(error);
    } finally {
      upstream.body.destroy();
      settle(outcome);
    }
  }
  headers["content-type"] = "text/event-stream";
  headers["cache-control"] = "no-cache";
  return {
    status: 200,
    headers,
    body: { kind: "stream", chunks: chunks() },
    upstreamApi,
    passthrough: false,
    warnings,
    completion,
  };
}
