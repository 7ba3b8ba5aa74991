import { GatewayError } from "../../errors/gateway-error.js";
import type { Logger } from "../../lib/logger.js";
import { protocols } from "../../protocols/registry.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { RequestContext, UpstreamRequest, UpstreamResponse } from "../../providers/provider.js";
import type { RouteTarget } from "../../router/route-target.js";
import { translators } from "../../translate/registry.js";
import type { ChunkPipe } from "../stream/chunk-pipe.js";
import { readBody } from "../turn/read-body.js";
import { answerShapeRefusal } from "./answer-shape-refusal.js";
import { readTurns } from "../turn/read-turns.js";
import { replaceModel } from "../turn/replace-model.js";
import { streamFailure, type Outcome, type Served } from "../stream/served.js";
import { tapStream, type StreamSummary } from "../stream/tap-stream.js";

export interface PassthroughOptions {
  target: RouteTarget;
  api: WireApi;
  rawBody: Buffer;
  stream: boolean;
  query: string;
  context: RequestContext;
  signal: AbortSignal;
  logger: Logger;
}

/**
 * Same API on both sides: the client's bytes go upstream (only `model` rewritten) and the
 * upstream's bytes come back as they arrive. A read-only tap decodes a copy for usage.
 */
export async function servePassthrough(options: PassthroughOptions): Promise<Served> {
  const { target, api, signal } = options;
  const request: UpstreamRequest = {
    api,
    model: target.model.id,
    body: replaceModel(options.rawBody, target.model.id),
    stream: options.stream,
    context: options.context,
    signal,
  };
  if (options.query !== "") request.query = options.query;
  const upstream = await target.provider.send(request);
  // This answer's own header object, filled in place (a spread into a literal is a slow path).
  const headers: Record<string, string> = {};
  if (upstream.exposeHeaders !== undefined) Object.assign(headers, upstream.exposeHeaders);
  const contentType = upstream.headers["content-type"];
  const provider = target.provider.id;
  if (options.stream) {
    const refusal = answerShapeRefusal({ provider, status: upstream.status, contentType, stream: true });
    if (refusal !== undefined) {
      upstream.body.destroy();
      throw refusal;
    }
    return passthroughStream(options, upstream, headers);
  }
  // A whole answer: read, sent as the upstream's bytes, then decoded once for the usage record.
  const data = await readBody(upstream.body);
  const refusal = answerShapeRefusal({
    provider,
    status: upstream.status,
    contentType,
    stream: false,
    length: data.length,
  });
  if (refusal !== undefined) throw refusal;
  headers["content-type"] = upstream.headers["content-type"] ?? "application/json";
  return {
    status: upstream.status,
    headers,
    body: { kind: "bytes", data },
    upstreamApi: api,
    passthrough: true,
    warnings: [],
    completion: new Promise((resolve) => afterReply(() => resolve(wholeOutcome(api, data, options.logger)))),
  };
}

/**
 * Bookkeeping that waits for the reply: `run` runs once this turn's answers are written
 * (`setImmediate` comes after the I/O callbacks of the turn, and after the writes they made).
 * When many upstream answers land together (many clients, one slow model), each is then written
 * without waiting for the usage decoding of those ahead of it. What runs here must not throw
 * (`wholeOutcome`, `outcomeOf` and the tap's `end` catch their own failures).
 */
function afterReply(run: () => void): void {
  setImmediate(run);
}

/** A whole answer's usage and finish reason, decoded from its bytes. */
function wholeOutcome(api: WireApi, data: Buffer, logger: Logger): Outcome {
  const outcome: Outcome = {};
  try {
    const response = translators[api].decodeOutcome(JSON.parse(data.toString("utf8")));
    outcome.usage = response.usage;
    outcome.finishReason = response.finishReason;
  } catch (error) {
    logger.debug({ err: error }, "passthrough response could not be decoded for usage");
  }
  return outcome;
}

/** What the tap learned, as the usage record's outcome. */
function outcomeOf(summary: StreamSummary, logger: Logger): Outcome {
  const outcome: Outcome = {};
  if (summary.usage !== undefined) outcome.usage = summary.usage;
  if (summary.finishReason !== undefined) outcome.finishReason = summary.finishReason;
  if (summary.error !== undefined) outcome.error = summary.error;
  if (summary.tapFailure !== undefined)
    logger.debug({ err: summary.tapFailure }, "passthrough stream could not be decoded for usage");
  return outcome;
}

/**
 * A stream: the upstream's chunks go out as they come (each turn's in one write), while a
 * read-only tap learns usage and finish. A function of its own so that a whole answer does not
 * make these closures.
 */
function passthroughStream(
  options: PassthroughOptions,
  upstream: UpstreamResponse,
  headers: Record<string, string>,
): Served {
  const { target, api, signal } = options;
  let settle: (outcome: Outcome) => void = () => undefined;
  const completion = new Promise<Outcome>((resolve) => (settle = resolve));
  const pipe: ChunkPipe = {
    start(sink) {
      const body = upstream.body;
      const tap = tapStream(api);
      let over = false;
      /**
       * Ends the answer once, with `last` (an error event) when there is someone to read it; what
       * it said is worked out after the reply (`afterReply`).
       */
      const finish = (outcome: () => Outcome, last?: string) => {
        if (over) return;
        over = true;
        reader.stop();
        body.destroy();
        if (last !== undefined) sink.write(last);
        sink.end();
        afterReply(() => settle(outcome()));
      };
      const reader = readTurns(body, (chunk) => {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        tap.push(bytes);
        return sink.write(bytes);
      });
      body.on("end", () => {
        // Only the framing is read before the client's stream ends; what it said is decoded after.
        if (tap.endReading()) return finish(() => outcomeOf(tap.end(), options.logger));
        // Never end a stream silently truncated: the client must see that it was cut.
        const error = new GatewayError(
          "upstream_error",
          `The upstream ${target.provider.id} ended the stream before it was complete.`,
        );
        finish(() => ({ ...outcomeOf(tap.end(), options.logger), error }), protocols[api].renderStreamError(error));
      });
      body.on("error", (thrown: unknown) => {
        tap.end();
        const error = streamFailure(thrown, signal);
        finish(() => ({ error }), signal.aborted ? undefined : protocols[api].renderStreamError(error));
      });
      return {
        resume: () => reader.resume(),
        // The client left: the usage record says so (the request's signal is aborted).
        stop: () => {
          if (over) return;
          reader.stop();
          tap.end();
          over = true;
          body.destroy();
          settle({});
        },
      };
    },
  };
  headers["content-type"] = "text/event-stream";
  headers["cache-control"] = "no-cache";
  return {
    status: upstream.status,
    headers,
    body: { kind: "stream", pipe },
    upstreamApi: api,
    passthrough: true,
    warnings: [],
    completion,
  };
}
