import type { FinishReason } from "../ir/finish-reason.js";
import type { Usage } from "../ir/usage.js";
import type { Warning } from "../ir/warning.js";

/** Which tool sent a request, read from its user agent (`detect-client.ts`). */
export type ClientName = "claude-code" | "codex" | "openai-sdk" | "anthropic-sdk" | "other";

/** One row per request the gateway served or refused, for the usage store and the dashboard. */
export interface UsageRecord {
  requestId: string;
  /** ISO timestamp of arrival. */
  startedAt: string;
  clientApi: string;
  /** The model name the client asked for. */
  requestedModel: string;
  /** What served it (absent when nothing was reached). */
  provider?: string;
  upstreamModel?: string;
  upstreamApi?: string;
  passthrough?: boolean;
  stream: boolean;
  status: number;
  errorCode?: string;
  usage?: Usage;
  finishReason?: FinishReason;
  durationMs: number;
  /** Time until the first byte of the answer went to the client. */
  firstByteMs?: number;
  /** Each target tried, in order, with its outcome. */
  attempts: Array<{ provider: string; model: string; outcome: string; status?: number }>;
  warnings: Warning[];
  initiator?: "user" | "agent";
  /** The calling tool, from its user agent. */
  client?: ClientName;
  clientVersion?: string;
  /** The client's own session id (Claude Code's `x-claude-code-session-id`, Codex's `session_id`). */
  sessionId?: string;
  /** The Switchboard API key's id (filled by the keys work; absent without keys). */
  keyId?: string;
  /** The route (alias) name the request was planned on. */
  route?: string;
  /** Copilot premium requests this request spent: the model's multiplier when user-initiated. */
  premiumSpent?: number;
  /** Copilot premium requests saved: the multiplier of an agent-initiated turn or side request. */
  premiumSaved?: number;
  /** Estimated cost from the price table (absent when the model has no price). */
  costUsd?: number;
  /** Time spent waiting for a pacing/concurrency slot (the pacing work fills it). */
  queueWaitMs?: number;
  queueDepth?: number;
  /** The response cache's verdict (the caching work fills it). */
  cacheHit?: "hit" | "miss";
  /** Request and response bodies, present only with `store.bodies: true` (redacted and capped). */
  bodies?: {
    request?: string;
    /** The answer as the client received it: JSON, or a stream's raw SSE text. */
    response?: string;
    /** A stream's whole length in characters, when only its first `bodyCapChars` were copied (the store notes the cut). */
    responseLength?: number;
  };
}

/** Where usage records go. The embedded default logs them; the store issue adds SQLite/PostgreSQL. */
export interface UsageSink {
  record(entry: UsageRecord): void;
}
