import { GatewayError } from "../../errors/gateway-error.js";
import type { Warning } from "../../ir/warning.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { RequestContext, UpstreamResponse } from "../../providers/provider.js";
import type { RouteTarget } from "../../router/route-target.js";
import { translators } from "../../translate/registry.js";
import { lowerTools, ToolNameMap } from "../../translate/shared/lower-tools.js";
import type { DecodedRequest, EncodeResponseOptions } from "../../translate/translator.js";
import { dedupeWarnings, dropCrossProtocolFeatures } from "./cross-protocol-warnings.js";
import { serializeRequest } from "./serialize-request.js";
import { readBody } from "../turn/read-body.js";
import { translatedStreamPipe } from "../stream/translated-stream-pipe.js";
import type { Outcome, Served } from "../stream/served.js";
import { answerShapeRefusal } from "./answer-shape-refusal.js";

export interface TranslatedOptions {
  target: RouteTarget;
  clientApi: WireApi;
  upstreamApi: WireApi;
  /** The client's request in the IR, decoded once for every target tried. */
  decoded: DecodedRequest;
  /** The name the client asked for, shown back in the answer. */
  requestedModel: string;
  /** The route's `prompt_cache`: whether the encoder may add cache hints. */
  promptCache?: "auto" | "off";
  context: RequestContext;
  signal: AbortSignal;
}

/** What the answer's way back needs from the request: nothing that holds its content. */
interface Exchange {
  target: RouteTarget;
  clientApi: WireApi;
  upstreamApi: WireApi;
  names: ToolNameMap;
  warnings: Warning[];
  encodeOptions: EncodeResponseOptions;
  stream: boolean;
  signal: AbortSignal;
}

/**
 * Different APIs: client wire → IR → upstream wire, and the answer back the same way.
 *
 * The request is encoded in this synchronous function and handed to the provider as bytes, so
 * that the IR, the encoded object and its JSON string are all garbage before the upstream
 * answers: an async function would hold them in its frame for as long as it waits.
 */
export function serveTranslated(options: TranslatedOptions): Promise<Served> {
  const { target, clientApi, upstreamApi, signal } = options;
  let exchange: Exchange;
  let sent: Promise<UpstreamResponse>;
  try {
    const dropped = dropCrossProtocolFeatures(options.decoded.request, clientApi, upstreamApi);
    let request = dropped.request;
    let names = new ToolNameMap();
    // Only Responses has namespaces and freeform tools; other upstreams get plain functions.
    if (upstreamApi !== "openai-responses") ({ request, names } = lowerTools(request));
    const encoded = translators[upstreamApi].encodeRequest(request, {
      model: target.model.id,
      ...(options.promptCache === undefined ? {} : { promptCache: options.promptCache }),
    });
    // `includeUsage`: a Chat client's `stream_options.include_usage`, which decides whether its stream ends with a usage chunk.
    const includeUsage = options.decoded.request.includeUsage;
    exchange = {
      target,
      clientApi,
      upstreamApi,
      names,
      warnings: dedupeWarnings([...options.decoded.warnings, ...dropped.warnings, ...encoded.warnings]),
      encodeOptions: { model: options.requestedModel, ...(includeUsage === undefined ? {} : { includeUsage }) },
      stream: request.stream,
      signal,
    };
    sent = target.provider.send({
      api: upstreamApi,
      model: target.model.id,
      body: serializeRequest(encoded.body),
      stream: request.stream,
      context: options.context,
      signal,
    });
  } catch (error) {
    return Promise.reject(error);
  }
  return answerBack(exchange, sent);
}

/** The upstream's answer, decoded and encoded for the client: whole, or as a stream. */
async function answerBack(exchange: Exchange, sent: Promise<UpstreamResponse>): Promise<Served> {
  const { target, clientApi, upstreamApi, names, warnings, encodeOptions, signal } = exchange;
  const upstream = await sent;
  const headers: Record<string, string> = { ...upstream.exposeHeaders };
  if (exchange.stream) {
    // JSON or HTML where events were asked for: refused before the first byte, so the chain may move on.
    const refusal = answerShapeRefusal({
      provider: target.provider.id,
      status: upstream.status,
      contentType: upstream.headers["content-type"],
      stream: true,
    });
    if (refusal !== undefined) {
      upstream.body.destroy();
      throw refusal;
    }
  }
  if (!exchange.stream) {
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
  const pipe = translatedStreamPipe({ upstream, upstreamApi, clientApi, names, encodeOptions, signal, settle });
  headers["content-type"] = "text/event-stream";
  headers["cache-control"] = "no-cache";
  return {
    status: 200,
    headers,
    body: { kind: "stream", pipe },
    upstreamApi,
    passthrough: false,
    warnings,
    completion,
  };
}
