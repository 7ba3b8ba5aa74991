import type { FinishReason } from "../ir/finish-reason.js";
import type { RequestsTable } from "./schema.js";
import type { RequestSummary } from "./usage-store.js";
import type { ClientName, UsageRecord } from "./usage-record.js";

/** True when something other than the first deployment tried served the request. */
export function servedByFallback(record: UsageRecord): boolean {
  const first = record.attempts[0];
  const last = record.attempts[record.attempts.length - 1];
  if (record.status >= 400 || first === undefined || last === undefined) return false;
  return first.provider !== last.provider || first.model !== last.model;
}

/** The requests table's columns, in the order `toRequestValues` gives their values. */
export const requestColumns = [
  "id",
  "started_at",
  "client_api",
  "requested_model",
  "model",
  "route",
  "provider",
  "upstream_model",
  "upstream_api",
  "passthrough",
  "stream",
  "status",
  "error_code",
  "finish_reason",
  "duration_ms",
  "first_byte_ms",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "initiator",
  "client",
  "client_version",
  "session_id",
  "key_id",
  "premium_spent",
  "premium_saved",
  "cost_usd",
  "queue_wait_ms",
  "queue_depth",
  "cache_hit",
  "attempt_count",
  "fallback",
  "attempts",
  "warnings",
  "usage_extra",
] as const satisfies ReadonlyArray<keyof RequestsTable>;

/**
 * The row written for one record, as its values in `requestColumns` order: an array, not an
 * object, because the drivers take arrays and this runs for every request (one allocation, not two).
 */
export function toRequestValues(record: UsageRecord): Array<string | number | null> {
  const usage = record.usage;
  return [
    record.requestId,
    Date.parse(record.startedAt),
    record.clientApi,
    record.requestedModel,
    record.upstreamModel ?? record.requestedModel,
    record.route ?? null,
    record.provider ?? null,
    record.upstreamModel ?? null,
    record.upstreamApi ?? null,
    record.passthrough === true ? 1 : 0,
    record.stream ? 1 : 0,
    record.status,
    record.errorCode ?? null,
    record.finishReason === undefined ? null : JSON.stringify(record.finishReason),
    Math.round(record.durationMs),
    record.firstByteMs === undefined ? null : Math.round(record.firstByteMs),
    usage?.inputTokens ?? 0,
    usage?.outputTokens ?? 0,
    usage?.cacheReadTokens ?? 0,
    usage?.cacheWriteTokens ?? 0,
    usage?.reasoningTokens ?? 0,
    record.initiator ?? null,
    record.client ?? null,
    record.clientVersion ?? null,
    record.sessionId ?? null,
    record.keyId ?? null,
    record.premiumSpent ?? 0,
    record.premiumSaved ?? 0,
    record.costUsd ?? null,
    record.queueWaitMs ?? null,
    record.queueDepth ?? null,
    record.cacheHit ?? null,
    record.attempts.length,
    servedByFallback(record) ? 1 : 0,
    JSON.stringify(record.attempts),
    record.warnings.length === 0 ? "[]" : JSON.stringify(record.warnings),
    usage === undefined ? null : "{}",
  ];
}

/** The record a row was written from (bodies are read apart). */
export function fromRequestRow(row: RequestsTable): UsageRecord {
  const record: UsageRecord = {
    requestId: row.id,
    startedAt: new Date(Number(row.started_at)).toISOString(),
    clientApi: row.client_api,
    requestedModel: row.requested_model,
    stream: Number(row.stream) === 1,
    status: Number(row.status),
    durationMs: Number(row.duration_ms),
    attempts: JSON.parse(row.attempts) as UsageRecord["attempts"],
    warnings: JSON.parse(row.warnings) as UsageRecord["warnings"],
  };
  const optional: Partial<UsageRecord> = {
    provider: row.provider ?? undefined,
    upstreamModel: row.upstream_model ?? undefined,
    upstreamApi: row.upstream_api ?? undefined,
    passthrough: row.upstream_api === null ? undefined : Number(row.passthrough) === 1,
    errorCode: row.error_code ?? undefined,
    finishReason: row.finish_reason === null ? undefined : (JSON.parse(row.finish_reason) as FinishReason),
    firstByteMs: row.first_byte_ms === null ? undefined : Number(row.first_byte_ms),
    initiator: (row.initiator ?? undefined) as UsageRecord["initiator"],
    client: (row.client ?? undefined) as ClientName | undefined,
    clientVersion: row.client_version ?? undefined,
    sessionId: row.session_id ?? undefined,
    keyId: row.key_id ?? undefined,
    route: row.route ?? undefined,
    premiumSpent: Number(row.premium_spent) || undefined,
    premiumSaved: Number(row.premium_saved) || undefined,
    costUsd: row.cost_usd === null ? undefined : Number(row.cost_usd),
    queueWaitMs: row.queue_wait_ms === null ? undefined : Number(row.queue_wait_ms),
    queueDepth: row.queue_depth === null ? undefined : Number(row.queue_depth),
    cacheHit: (row.cache_hit ?? undefined) as UsageRecord["cacheHit"],
  };
  if (row.usage_extra !== null) {
    optional.usage = { inputTokens: Number(row.input_tokens), outputTokens: Number(row.output_tokens) };
    if (Number(row.cache_read_tokens) > 0) optional.usage.cacheReadTokens = Number(row.cache_read_tokens);
    if (Number(row.cache_write_tokens) > 0) optional.usage.cacheWriteTokens = Number(row.cache_write_tokens);
    if (Number(row.reasoning_tokens) > 0) optional.usage.reasoningTokens = Number(row.reasoning_tokens);
  }
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) (record as unknown as Record<string, unknown>)[name] = value;
  }
  return record;
}

/** The list view of a row. */
export function toRequestSummary(row: RequestsTable): RequestSummary {
  return {
    id: row.id,
    started_at: new Date(Number(row.started_at)).toISOString(),
    client_api: row.client_api,
    requested_model: row.requested_model,
    model: row.model,
    route: row.route,
    provider: row.provider,
    status: Number(row.status),
    error_code: row.error_code,
    stream: Number(row.stream) === 1,
    duration_ms: Number(row.duration_ms),
    first_byte_ms: row.first_byte_ms === null ? null : Number(row.first_byte_ms),
    input_tokens: Number(row.input_tokens),
    output_tokens: Number(row.output_tokens),
    cache_read_tokens: Number(row.cache_read_tokens),
    cache_write_tokens: Number(row.cache_write_tokens),
    reasoning_tokens: Number(row.reasoning_tokens),
    client: row.client,
    session_id: row.session_id,
    key_id: row.key_id,
    initiator: row.initiator,
    premium_spent: Number(row.premium_spent),
    premium_saved: Number(row.premium_saved),
    cost_usd: row.cost_usd === null ? null : Number(row.cost_usd),
    attempts: Number(row.attempt_count),
    fallback: Number(row.fallback) === 1,
  };
}
