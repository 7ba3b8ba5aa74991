import type { UsageRecord } from "../../store/usage-record.js";

/** One request as the live feed and the recent list show it: no bodies, no attempts. */
export interface LiveRequestSummary {
  id: string;
  started_at: string;
  requested_model: string;
  /** What served it (the upstream model), else what was asked for: the store's `model`. */
  model: string;
  provider: string | null;
  upstream_model: string | null;
  status: number;
  error_code: string | null;
  stream: boolean;
  duration_ms: number;
  first_byte_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  client: string | null;
  session_id: string | null;
}

export function requestSummaryOf(row: UsageRecord): LiveRequestSummary {
  return {
    id: row.requestId,
    started_at: row.startedAt,
    requested_model: row.requestedModel,
    model: row.upstreamModel ?? row.requestedModel,
    provider: row.provider ?? null,
    upstream_model: row.upstreamModel ?? null,
    status: row.status,
    error_code: row.errorCode ?? null,
    stream: row.stream,
    duration_ms: row.durationMs,
    first_byte_ms: row.firstByteMs ?? null,
    input_tokens: row.usage?.inputTokens ?? null,
    output_tokens: row.usage?.outputTokens ?? null,
    client: row.client ?? null,
    session_id: row.sessionId ?? null,
  };
}
