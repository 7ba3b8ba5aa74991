// The shapes the page reads. The server's own types are imported as types only; the usage
// store's are written here from its contract (store-contract: /api/usage, /api/requests).
export type {
  RoutesAndProviders,
  RouteState,
  ProviderState,
  DeploymentState,
} from "../../src/server/dashboard/routes-state.js";
export type { GithubSignInPhase } from "../../src/server/dashboard/github-sign-in.js";
export type { LiveRequestSummary } from "../../src/server/dashboard/request-summary.js";

export type GroupBy = "model" | "provider" | "client" | "session" | "key" | "route" | "day" | "hour";

export interface UsageGroup {
  key: string;
  requests: number;
  errors: number;
  fallbacks: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cache_hit_rate: number | null;
  premium_spent: number;
  premium_saved: number;
  cost_usd: number;
  p50_ms: number | null;
  p95_ms: number | null;
  ttft_p50_ms: number | null;
  tokens_per_second: number | null;
}

export interface UsageAnswer {
  from: string;
  to: string;
  group_by: GroupBy;
  rows: UsageGroup[];
  totals: UsageGroup;
}

/** A request row of `/api/requests` (no bodies). Fields the store may leave out are optional. */
export interface RequestRow {
  id: string;
  started_at: string;
  model: string;
  provider?: string | null;
  upstream_model?: string | null;
  status: number;
  error_code?: string | null;
  duration_ms: number;
  first_byte_ms?: number | null;
  input_tokens?: number | null;
  output_tokens?: number | null;
  client?: string | null;
  session?: string | null;
  stream?: boolean;
}

export interface RequestsAnswer {
  requests: RequestRow[];
  next_before: string | null;
}

export interface SessionAnswer {
  signed_in: boolean;
  key_required: boolean;
  csrf_token?: string;
}
