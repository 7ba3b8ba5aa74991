import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import { isRecord } from "../lib/is-record.js";
import { isoTime } from "../lib/iso-time.js";
import { protocols } from "../protocols/registry.js";
import type { ResolvedRoute } from "../router/plan-route.js";
import type { Deployment } from "../router/policy/order-deployments.js";
import {
  RoutingFailure,
  runWithPolicy,
  type AttemptRecord,
  type RunWithPolicyOptions,
} from "../router/policy/run-with-policy.js";
import { copilotCostHeader } from "../providers/github-copilot/copilot-provider.js";
import { premiumOf } from "../store/copilot-premium.js";
import { queueHeader } from "../providers/queue-header.js";
import { queueFactsOf } from "../store/queue-facts.js";
import { detectClient } from "../store/detect-client.js";
import type { UsageRecord } from "../store/usage-record.js";
import { describeTurn, type TurnFacts } from "./turn/detect-initiator.js";
import { errorReply } from "./reply/error-reply.js";
import { formatWarningsHeader } from "./reply/format-warnings-header.js";
import type { GatewayDependencies, GatewayInput, GatewayReply } from "./gateway-types.js";
import { RequestBody } from "./turn/request-body.js";
import { failureHeaders, formatAttempts, servedHeaders } from "./reply/routing-headers.js";
import { serveAttempt } from "./attempt/serve-attempt.js";
import type { Outcome, Served } from "./stream/served.js";
import type { AccessGrant } from "../limits/request-access.js";
import { admitAccess } from "./admit-access.js";
import { cachedReply, captureForCache, considerCache } from "./use-response-cache.js";
import { captureResponseBody } from "./capture-response-body.js";

export const warningsHeader = "x-switchboard-warnings";

function recordAttempts(attempts: AttemptRecord[]): UsageRecord["attempts"] {
  return attempts.map((attempt) => ({
    provider: attempt.provider,
    model: attempt.model,
    outcome: attempt.outcome === "ok" ? "served" : attempt.outcome,
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
  }));
}

/**
 * What `runWithPolicy` calls for each deployment tried. Built outside `handleRequest` on purpose:
 * what it needs lives in this closure only, which is let go once the answer is committed, instead
 * of in the context `handleRequest`'s callbacks share, which lives until a stream's last byte.
 */
function attemptFunction(options: {
  input: GatewayInput;
  body: RequestBody;
  record: UsageRecord;
  turn: TurnFacts;
  route: ResolvedRoute;
  dependencies: GatewayDependencies;
}): (deployment: Deployment, signal: AbortSignal) => Promise<Served> {
  const { input, body, record, turn, route, dependencies } = options;
  return (deployment, attemptSignal) =>
    serveAttempt({
      input,
      body,
      stream: record.stream,
      requestedModel: record.requestedModel,
      turn,
      planned: route.targets.get(deployment.key),
      signal: attemptSignal,
      dependencies,
    });
}

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * Validates the parsed body and notes what the usage record needs from it. A function of its own
 * so that no variable of `handleRequest`, which waits on the upstream, holds the parse tree.
 */
function readRequest(input: GatewayInput, body: RequestBody, record: UsageRecord): TurnFacts {
  const clientApi = input.clientApi;
  const protocol = protocols[clientApi];
  const parsed = body.get();
  // Read before validation, so the body may be any JSON (`null` answered 500 here): the schema words the 400.
  const metadata = (isRecord(parsed) ? parsed["metadata"] : undefined) as { user_id?: unknown } | undefined;
  Object.assign(record, detectClient(input.headers, typeof metadata === "object" ? metadata?.user_id : undefined));
  const request = protocol.parseRequest(parsed);
  record.requestedModel = protocol.requestModel(request);
  if (controlCharacters.test(record.requestedModel)) {
    // No model is named so; and the name travels on in headers (ours, and some upstreams').
    throw new GatewayError("invalid_request", "model: a model name cannot contain control characters (CR, LF, …).", {
      param: "model",
    });
  }
  record.stream = protocol.requestStream(request);
  const turn = describeTurn(clientApi, parsed);
  record.initiator = turn.initiator;
  return turn;
}

/**
 * One generation request: validate, route, then passthrough (same API upstream) or translation,
 * with a usage record for every request, served or refused.
 */
export async function handleRequest(input: GatewayInput, dependencies: GatewayDependencies): Promise<GatewayReply> {
  const startedAt = Date.now();
  const { clientApi, requestId, signal } = input;
  const record: UsageRecord = {
    requestId,
    startedAt: isoTime(startedAt),
    clientApi,
    requestedModel: "",
    stream: false,
    status: 0,
    durationMs: 0,
    attempts: [],
    warnings: [],
  };
  // Set when the route's deadline aborted the client's own signal: the client is not gone then.
  let deadlineAborted = false;
  // The request's hold on its key's limits, settled with what the answer cost.
  let grant: AccessGrant | undefined;
  const abortInput = input.abort;
  const abort =
    abortInput === undefined
      ? undefined
      : (reason: GatewayError) => {
          deadlineAborted = true;
          abortInput(reason);
        };
  const finish = (status: number, outcome: Outcome): void => {
    record.status = status;
    record.durationMs = Date.now() - startedAt;
    if (outcome.usage !== undefined) record.usage = outcome.usage;
    if (outcome.finishReason !== undefined) record.finishReason = outcome.finishReason;
    const errorCode = signal.aborted && !deadlineAborted ? "client_closed" : outcome.error?.code;
    if (errorCode !== undefined) record.errorCode = errorCode;
    if (record.warnings.length > 0) dependencies.warnOnce?.(record);
    dependencies.usageSink.record(record);
    // After the store's `record`, which prices the row: the budget counts the store's own cost.
    grant?.settle({
      usage: record.usage,
      upstreamModel: record.upstreamModel,
      costUsd: record.costUsd,
      premiumSpent: record.premiumSpent,
    });
    dependencies.onSettled?.();
  };
  let resolved: ResolvedRoute | undefined;
  try {
    const body = RequestBody.take(input);
    const turn = readRequest(input, body, record);
    if (dependencies.keepBodies === true) record.bodies = { request: input.rawBody.toString("utf8") };
    const admitted = admitAccess({ access: dependencies.access, input, body, record, plans: dependencies.plans });
    grant = admitted instanceof Promise ? await admitted : admitted;
    const cacheLookup = considerCache(dependencies.cache, input, body, record);
    if (cacheLookup !== undefined) {
      const hit = await cacheLookup.get();
      record.cacheHit = hit === undefined ? "miss" : "hit";
      if (hit !== undefined) {
        // Counted under its route like a miss (usage by route), from the plan the miss made.
        const planned = await dependencies.plans.plan(record.requestedModel).catch(() => undefined);
        if (planned?.routeName !== undefined) record.route = planned.routeName;
        // With `store.bodies`, the answer the client got from the cache, as for one from upstream.
        if (record.bodies !== undefined) record.bodies.response = Buffer.concat(hit.chunks).toString("utf8");
        finish(hit.status, {});
        return cachedReply(hit, requestId);
      }
    }
    resolved =
      dependencies.plans.cached(record.requestedModel) ?? (await dependencies.plans.plan(record.requestedModel));
    const route = resolved;
    if (route.routeName !== undefined) record.route = route.routeName;
    const policy: RunWithPolicyOptions<Served> = {
      plan: route.plan,
      health: dependencies.health,
      signal,
      backoff: dependencies.backoff,
      attempt: attemptFunction({ input, body, record, turn, route, dependencies }),
    };
    if (abort !== undefined) policy.abort = abort;
    const result = await runWithPolicy(policy);
    const served = result.value;
    record.provider = result.deployment.provider;
    record.upstreamModel = result.deployment.model;
    record.upstreamApi = served.upstreamApi;
    record.passthrough = served.passthrough;
    record.attempts = recordAttempts(result.attempts);
    record.warnings = served.warnings;
    const copilotCost = served.headers[copilotCostHeader];
    if (copilotCost !== undefined) Object.assign(record, premiumOf(copilotCost));
    Object.assign(record, queueFactsOf(served.headers[queueHeader]));
    // Only with `store.bodies`: otherwise nothing is copied, not even a stream's chunks.
    const keepResponseBody = record.bodies === undefined ? undefined : captureResponseBody(served, record.bodies);
    // `served.headers` is this request's own object: added to in place, not copied (a spread of
    // a header object into a literal is a slow path measured on every request).
    const headers = Object.assign(
      served.headers,
      { "x-request-id": requestId },
      servedHeaders({
        provider: result.deployment.provider,
        model: result.deployment.model,
        routeName: route.routeName,
        attempts: result.attempts,
      }),
    );
    if (result.attempts.length > 1) {
      // A fallback or a retry served this request: users want to know, not only the header.
      dependencies.logger.info(
        { requestId, route: route.routeName, attempts: formatAttempts(result.attempts) },
        "served after retry or fallback",
      );
    }
    if (served.warnings.length > 0) headers[warningsHeader] = formatWarningsHeader(served.warnings);
    const keepInCache = cacheLookup === undefined ? undefined : captureForCache(cacheLookup, served);
    // `completion` settles when the answer is over: the deployment is released, then the usage
    // recorded. A rejection there is a bug: logged, never left unhandled. One `then`, not a chain
    // of four promises, on every request.
    const completionFailed = (error: unknown) =>
      dependencies.logger.error({ err: error, requestId }, "request completion failed");
    served.completion.then(
      (outcome) => {
        result.release();
        keepInCache?.(outcome);
        keepResponseBody?.();
        try {
          finish(served.status, outcome);
        } catch (error) {
          completionFailed(error);
        }
      },
      (error: unknown) => {
        result.release();
        completionFailed(error);
      },
    );
    // An attempt resolves once its answer is committed: a whole body read, or a stream's first
    // chunk in, which goes out in the same tick.
    record.firstByteMs = Date.now() - startedAt;
    return { status: served.status, headers, body: served.body };
  } catch (thrown) {
    const error = thrown instanceof RoutingFailure ? thrown.error : toGatewayError(thrown);
    const attempts = thrown instanceof RoutingFailure ? thrown.attempts : [];
    record.attempts = recordAttempts(attempts);
    const last = attempts[attempts.length - 1];
    if (last !== undefined) Object.assign(record, { provider: last.provider, upstreamModel: last.model });
    if (error.code === "internal") {
      dependencies.logger.error({ err: error.cause ?? error, requestId }, "internal error");
    } else if (error.code === "client_closed") {
      // The client's choice (Esc in Claude Code), not the upstream's: the usage record has it.
      dependencies.logger.debug(
        { requestId, attempts: formatAttempts(attempts) },
        "the client closed the connection before the answer",
      );
    } else if (error.upstream !== undefined) {
      dependencies.logger.warn(
        { requestId, code: error.code, upstream: error.upstream, attempts: formatAttempts(attempts) },
        "upstream refused the request",
      );
    }
    const extra: Record<string, string> = {
      "x-request-id": requestId,
      ...failureHeaders({ error, attempts, plan: resolved?.plan, health: dependencies.health, now: Date.now() }),
    };
    const reply = errorReply(clientApi, error, extra);
    Object.assign(record, queueFactsOf(error.headers[queueHeader]));
    finish(reply.status, { error });
    return reply;
  }
}
