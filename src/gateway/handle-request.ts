import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import type { Logger } from "../lib/logger.js";
import { protocols } from "../protocols/registry.js";
import { attemptTargets, AttemptsFailed, type Attempt } from "../router/attempt-targets.js";
import { resolveModel, type RoutingTable } from "../router/resolve-model.js";
import { selectApi } from "../router/select-api.js";
import type { UsageRecord, UsageSink } from "../store/usage-record.js";
import { translators } from "../translate/registry.js";
import type { DecodedRequest } from "../translate/translator.js";
import { detectImages, detectInitiator } from "./detect-initiator.js";
import { errorReply } from "./error-reply.js";
import { formatWarningsHeader } from "./format-warnings-header.js";
import type { GatewayInput, GatewayReply } from "./gateway-types.js";
import { buildRequestContext } from "./request-context.js";
import type { Outcome, Served } from "./served.js";
import { servePassthrough } from "./serve-passthrough.js";
import { serveTranslated } from "./serve-translated.js";

export interface GatewayDependencies {
  table: RoutingTable;
  usageSink: UsageSink;
  logger: Logger;
}

export const warningsHeader = "x-switchboard-warnings";

function recordAttempts(attempts: Attempt[]): UsageRecord["attempts"] {
  return attempts.map((attempt) => ({
    provider: attempt.provider,
    model: attempt.model,
    outcome: attempt.outcome === "served" ? "served" : (attempt.error?.code ?? "failed"),
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
  }));
}

/**
 * One generation request: validate, route, then passthrough (same API upstream) or translation,
 * with a usage record for every request, served or refused.
 */
export async function handleRequest(input: GatewayInput, dependencies: GatewayDependencies): Promise<GatewayReply> {
  const startedAt = Date.now();
  const { clientApi, requestId, signal } = input;
  const protocol = protocols[clientApi];
  const record: UsageRecord = {
    requestId,
    startedAt: new Date(startedAt).toISOString(),
    clientApi,
    requestedModel: "",
    stream: false,
    status: 0,
    durationMs: 0,
    attempts: [],
    warnings: [],
  };
  const finish = (status: number, outcome: Outcome): void => {
    record.status = status;
    record.durationMs = Date.now() - startedAt;
    if (outcome.usage !== undefined) record.usage = outcome.usage;
    if (outcome.finishReason !== undefined) record.finishReason = outcome.finishReason;
    const error = signal.aborted
      ? new GatewayError("client_closed", "The client closed the connection.")
      : outcome.error;
    if (error !== undefined) record.errorCode = error.code;
    if (record.warnings.length > 0)
      dependencies.logger.warn({ requestId, warnings: record.warnings }, "features dropped or approximated");
    dependencies.usageSink.record(record);
  };
  try {
    const request = protocol.parseRequest(input.body);
    record.requestedModel = protocol.requestModel(request);
    record.stream = protocol.requestStream(request);
    const body = input.body as Record<string, unknown>;
    const initiator = detectInitiator(clientApi, body);
    const hasImages = detectImages(clientApi, body);
    record.initiator = initiator;
    const targets = await resolveModel(record.requestedModel, dependencies.table);
    let decoded: DecodedRequest | undefined;
    const result = await attemptTargets(targets, (target): Promise<Served> => {
      const upstreamApi = selectApi(clientApi, target.model);
      const context = buildRequestContext({
        requestId,
        clientApi,
        initiator,
        hasImages,
        headers: input.headers,
        upstreamApi,
      });
      if (upstreamApi === clientApi) {
        return servePassthrough({
          target,
          api: clientApi,
          rawBody: input.rawBody,
          stream: record.stream,
          query: input.query,
          context,
          signal,
          logger: dependencies.logger,
        });
      }
      decoded ??= translators[clientApi].decodeRequest(body);
      return serveTranslated({
        target,
        clientApi,
        upstreamApi,
        decoded,
        requestedModel: record.requestedModel,
        context,
        signal,
      });
    });
    const served = result.value;
    Object.assign(record, {
      provider: result.target.provider.id,
      upstreamModel: result.target.model.id,
      upstreamApi: served.upstreamApi,
      passthrough: served.passthrough,
      attempts: recordAttempts(result.attempts),
      warnings: served.warnings,
    });
    const headers: Record<string, string> = {
      ...served.headers,
      "x-request-id": requestId,
      "x-switchboard-provider": result.target.provider.id,
      "x-switchboard-model": result.target.model.id,
      "x-switchboard-attempts": String(result.attempts.length),
    };
    if (served.warnings.length > 0) headers[warningsHeader] = formatWarningsHeader(served.warnings);
    void served.completion.then((outcome) => finish(served.status, outcome));
    if (served.body.kind === "stream") {
      return {
        status: served.status,
        headers,
        body: {
          kind: "stream",
          chunks: timeFirstChunk(served.body.chunks, () => (record.firstByteMs = Date.now() - startedAt)),
        },
      };
    }
    record.firstByteMs = Date.now() - startedAt;
    return { status: served.status, headers, body: served.body };
  } catch (thrown) {
    const error = thrown instanceof AttemptsFailed ? thrown.error : toGatewayError(thrown);
    const attempts = thrown instanceof AttemptsFailed ? thrown.attempts : [];
    record.attempts = recordAttempts(attempts);
    const last = attempts[attempts.length - 1];
    if (last !== undefined) Object.assign(record, { provider: last.provider, upstreamModel: last.model });
    if (error.code === "internal") {
      dependencies.logger.error({ err: error.cause ?? error, requestId }, "internal error");
    } else if (error.upstream !== undefined) {
      dependencies.logger.warn(
        { requestId, code: error.code, upstream: error.upstream },
        "upstream refused the request",
      );
    }
    const extra: Record<string, string> = {
      "x-request-id": requestId,
      "x-switchboard-attempts": String(attempts.length),
    };
    // After a fallback chain the gateway has already retried: a client retry would only add load.
    if (attempts.length > 1) extra["x-should-retry"] = "false";
    const reply = errorReply(clientApi, error, extra);
    finish(reply.status, { error });
    return reply;
  }
}

async function* timeFirstChunk<T>(chunks: AsyncIterable<T>, onFirst: () => void): AsyncGenerator<T> {
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      onFirst();
    }
    yield chunk;
  }
}
