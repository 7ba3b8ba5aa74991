import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import { isoTime } from "../lib/iso-time.js";
import type { Logger } from "../lib/logger.js";
import { protocols } from "../protocols/registry.js";
import type { PlanCache } from "../router/plan-cache.js";
import type { ResolvedRoute } from "../router/plan-route.js";
import type { BackoffOptions } from "../router/policy/backoff.js";
import type { DeploymentHealth } from "../router/policy/deployment-health.js";
import type { Deployment } from "../router/policy/order-deployments.js";
import {
  RoutingFailure,
  runWithPolicy,
  type AttemptRecord,
  type RunWithPolicyOptions,
} from "../router/policy/run-with-policy.js";
import type { AccessGrant, RequestAccess } from "../limits/request-access.js";
import type { UsageRecord, UsageSink } from "../store/usage-record.js";
import type { ResponseCache } from "../response-cache/response-cache.js";
import { admitAccess } from "./admit-access.js";
import { cachedReply, captureForCache, considerCache } from "./use-response-cache.js";
import { describeTurn, type TurnFacts } from "./detect-initiator.js";
import { errorReply } from "./error-reply.js";
import { formatWarningsHeader } from "./format-warnings-header.js";
import type { GatewayInput, GatewayReply } from "./gateway-types.js";
import type { ParamPolicy } from "./param-policy.js";
import { RequestBody } from "./request-body.js";
import { failureHeaders, formatAttempts, servedHeaders } from "./routing-headers.js";
import { serveAttempt } from "./serve-attempt.js";
import type { Outcome, Served } from "./served.js";

export interface GatewayDependencies {
  /** The routing table's plans, reused for a few seconds. */
  plans: PlanCache;
  usageSink: UsageSink;
  logger: Logger;
  /** One per running gateway, kept across reloads. */
  health: DeploymentHealth;
  backoff: BackoffOptions;
  params: ParamPolicy;
  /** Keys' model lists and limits (src/limits); absent: no checks. */
  access?: RequestAccess;
  /** The response cache (src/response-cache); absent: nothing is cached. */
  cache?: ResponseCache;
  /** Logs a request's dropped features (once per route and feature set at warn level). */
  warnOnce?: (record: UsageRecord) => void;
  /** Called when the request is over (its last byte sent), served or not: reloads wait for it. */
  onSettled?: () => void;
}

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

/**
 * Validates the parsed body and notes what the usage record needs from it. A function of its own
 * so that no variable of `handleRequest`, which waits on the upstream, holds the parse tree.
 */
function readRequest(clientApi: GatewayInput["clientApi"], body: RequestBody, record: UsageRecord): TurnFacts {
  const protocol = protocols[clientApi];
  const parsed = body.get();
  const request = protocol.parseRequest(parsed);
  record.requestedModel = protocol.requestModel(request);
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
    grant?.settle({ usage: record.usage, upstreamModel: record.upstreamModel });
    dependencies.usageSink.record(record);
    dependencies.onSettled?.();
  };
  let resolved: ResolvedRoute | undefined;
  try {
    const body = RequestBody.take(input);
    const turn = readRequest(clientApi, body, record);
    const admitted = admitAccess({ access: dependencies.access, input, body, record });
    grant = admitted instanceof Promise ? await admitted : admitted;
    const cacheLookup = considerCache(dependencies.cache, input, body, record);
    if (cacheLookup !== undefined) {
      const hit = await cacheLookup.get();
      record.cacheHit = hit === undefined ? "miss" : "hit";
      if (hit !== undefined) {
        finish(hit.status, {});
        return cachedReply(hit, requestId);
      }
    }
    resolved =
      dependencies.plans.cached(record.requestedModel) ?? (await dependencies.plans.plan(record.requestedModel));
    const route = resolved;
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
    finish(reply.status, { error });
    return reply;
  }
}
