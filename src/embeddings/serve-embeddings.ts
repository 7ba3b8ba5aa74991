import { GatewayError, toGatewayError } from "../errors/gateway-error.js";
import type { Principal } from "../keys/key-authenticator.js";
import { isRecord } from "../lib/is-record.js";
import { isoTime } from "../lib/iso-time.js";
import type { Logger } from "../lib/logger.js";
import { parseJson } from "../lib/parse-json.js";
import type { AccessGrant, RequestAccess } from "../limits/request-access.js";
import type { PolicyTable } from "../router/plan-route.js";
import type { BackoffOptions } from "../router/policy/backoff.js";
import type { DeploymentHealth } from "../router/policy/deployment-health.js";
import { RoutingFailure, runWithPolicy, type AttemptRecord } from "../router/policy/run-with-policy.js";
import { detectClient } from "../store/detect-client.js";
import type { UsageRecord, UsageSink } from "../store/usage-record.js";
import { readBoundedText } from "../upstream/read-bounded-text.js";
import { planEmbeddings, type EmbeddingsPlan } from "./plan-embeddings.js";

/** The API name on embeddings usage rows (the client and the upstream speak the same one). */
export const embeddingsApi = "openai-embeddings";

/** Far above a real answer (2,048 inputs of 3,072 floats); stops a broken upstream from filling memory. */
const answerLimitBytes = 128 * 1024 * 1024;

/** One `POST /v1/embeddings` as the server hands it over. */
export interface EmbeddingsInput {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  signal: AbortSignal;
  requestId: string;
  principal?: Principal | undefined;
}

export interface EmbeddingsDependencies {
  table: PolicyTable;
  usageSink: UsageSink;
  logger: Logger;
  health: DeploymentHealth;
  backoff: BackoffOptions;
  access?: RequestAccess | undefined;
}

/** What one attempt got: the upstream's status, content type and whole body. */
interface EmbeddingsAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** The answer, or the failure with the attempts made, before it is written in OpenAI's shape. */
export type EmbeddingsOutcome =
  | {
      ok: true;
      status: number;
      contentType: string;
      body: Buffer;
      provider: string;
      model: string;
      routeName: string | undefined;
      attempts: AttemptRecord[];
    }
  | { ok: false; error: GatewayError; attempts: AttemptRecord[]; plan: EmbeddingsPlan | undefined };

function readRequest(rawBody: Buffer): Record<string, unknown> & { model: string } {
  const body = parseJson(rawBody.toString("utf8"));
  if (body === undefined && rawBody.length > 0)
    throw new GatewayError("invalid_request", "The request body is not valid JSON.");
  if (!isRecord(body)) throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  if (typeof body["model"] !== "string" || body["model"] === "")
    throw new GatewayError("invalid_request", "you must provide a model parameter", { param: "model" });
  if (body["input"] === undefined)
    throw new GatewayError("invalid_request", "Missing required parameter: 'input'.", { param: "input" });
  return body as Record<string, unknown> & { model: string };
}

function attemptsOf(attempts: AttemptRecord[]): UsageRecord["attempts"] {
  return attempts.map((attempt) => ({
    provider: attempt.provider,
    model: attempt.model,
    outcome: attempt.outcome === "ok" ? "served" : attempt.outcome,
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
  }));
}

function promptTokens(text: string): number | undefined {
  const answer = parseJson(text);
  const usage = isRecord(answer) ? answer["usage"] : undefined;
  const tokens = isRecord(usage) ? usage["prompt_tokens"] : undefined;
  return typeof tokens === "number" && Number.isFinite(tokens) ? tokens : undefined;
}

/**
 * `POST /v1/embeddings` (OpenAI's shape) as a first-class request: validated, admitted under the
 * key's model list and limits, routed along the route's chain with its retries and fallbacks (the
 * same `runWithPolicy` as chat, so the same errors move on), and recorded as one usage row whose
 * input tokens are the upstream's `usage.prompt_tokens`. The key's limits settle with that row.
 */
export async function serveEmbeddings(
  input: EmbeddingsInput,
  dependencies: EmbeddingsDependencies,
): Promise<EmbeddingsOutcome> {
  const startedAt = Date.now();
  const record: UsageRecord = {
    requestId: input.requestId,
    startedAt: isoTime(startedAt),
    clientApi: embeddingsApi,
    requestedModel: "",
    upstreamApi: embeddingsApi,
    stream: false,
    status: 0,
    durationMs: 0,
    attempts: [],
    warnings: [],
    ...detectClient(input.headers),
  };
  const principal = input.principal;
  if (principal?.kind === "key") record.keyId = principal.key.id;
  else if (principal?.kind === "master") record.keyId = "master";
  let grant: AccessGrant | undefined;
  const finish = (status: number, errorCode?: string): void => {
    record.status = status;
    record.durationMs = Date.now() - startedAt;
    if (errorCode !== undefined) record.errorCode = errorCode;
    dependencies.usageSink.record(record);
    // After the sink, which prices the row: a budget counts the store's own cost.
    grant?.settle({ usage: record.usage, upstreamModel: record.upstreamModel, costUsd: record.costUsd });
  };
  let plan: EmbeddingsPlan | undefined;
  try {
    const request = readRequest(input.rawBody);
    record.requestedModel = request.model;
    grant = await dependencies.access?.admit({
      principal,
      model: request.model,
      requestId: input.requestId,
      bodyBytes: input.rawBody.length,
    });
    plan = planEmbeddings(request.model, dependencies.table);
    const targets = plan.targets;
    if (plan.routeName !== undefined) record.route = plan.routeName;
    const result = await runWithPolicy<EmbeddingsAnswer>({
      plan: plan.plan,
      health: dependencies.health,
      signal: input.signal,
      backoff: dependencies.backoff,
      attempt: async (deployment, signal) => {
        const target = targets.get(deployment.key)!;
        const body = JSON.stringify({ ...request, model: target.model });
        const upstream = await target.provider.embed({ model: target.model, body, signal });
        const text = await readBoundedText(upstream.body, answerLimitBytes);
        return { status: upstream.status, contentType: upstream.headers["content-type"] ?? "application/json", text };
      },
    });
    result.release();
    record.provider = result.deployment.provider;
    record.upstreamModel = result.deployment.model;
    record.passthrough = true;
    record.attempts = attemptsOf(result.attempts);
    record.firstByteMs = Date.now() - startedAt;
    const tokens = promptTokens(result.value.text);
    if (tokens !== undefined) record.usage = { inputTokens: tokens, outputTokens: 0 };
    if (result.attempts.length > 1)
      dependencies.logger.info(
        { requestId: input.requestId, route: plan.routeName, attempts: result.attempts.length },
        "embeddings served after retry or fallback",
      );
    finish(result.value.status);
    return {
      ok: true,
      status: result.value.status,
      contentType: result.value.contentType,
      body: Buffer.from(result.value.text),
      provider: result.deployment.provider,
      model: result.deployment.model,
      routeName: plan.routeName,
      attempts: result.attempts,
    };
  } catch (thrown) {
    const error = thrown instanceof RoutingFailure ? thrown.error : toGatewayError(thrown);
    const attempts = thrown instanceof RoutingFailure ? thrown.attempts : [];
    record.attempts = attemptsOf(attempts);
    const last = attempts.at(-1);
    if (last !== undefined) Object.assign(record, { provider: last.provider, upstreamModel: last.model });
    const clientGone = input.signal.aborted && error.code === "client_closed";
    if (error.code === "internal") dependencies.logger.error({ err: error.cause ?? error }, "embeddings failed");
    finish(error.status, clientGone ? "client_closed" : error.code);
    return { ok: false, error, attempts, plan };
  }
}
