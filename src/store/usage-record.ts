import type { FinishReason } from "../ir/finish-reason.js";
import type { Usage } from "../ir/usage.js";
import type { Warning } from "../ir/warning.js";

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
  /** The virtual key's id (`master` for the master key). */
  keyId?: string;
  /** The response cache's answer, for requests that used it. */
  cacheHit?: "hit" | "miss";
}

/** Where usage records go. The embedded default logs them; the store issue adds SQLite/PostgreSQL. */
export interface UsageSink {
  record(entry: UsageRecord): void;
}
