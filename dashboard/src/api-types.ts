// The shapes the page reads: the server's and the usage store's own types, imported as types only.
export type {
  RoutesAndProviders,
  RouteState,
  ProviderState,
  DeploymentState,
} from "../../src/server/dashboard/routes-state.js";
export type { GithubSignInPhase } from "../../src/server/dashboard/github-sign-in.js";
export type { LiveRequestSummary } from "../../src/server/dashboard/request-summary.js";

export type {
  GroupBy,
  UsageGroup,
  UsageReport as UsageAnswer,
  SpeedBucket,
  SpeedPoint,
  SpeedReport as SpeedAnswer,
  RequestSummary,
  RequestPage as RequestsAnswer,
} from "../../src/store/usage-store.js";

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

export interface SessionAnswer {
  signed_in: boolean;
  key_required: boolean;
  csrf_token?: string;
}

/** A key as `/dashboard/api/keys` lists it (src/keys/key-json.ts, plus the store's `last_used_at` and `spent`). */
export interface KeyRow {
  id: string;
  name: string;
  hint: string;
  models: string[] | null;
  /** MCP grants: `server`, `server/tool` or `*`; empty: no tool server. */
  mcp: string[];
  limits: {
    rpm: number | null;
    tpm: number | null;
    max_parallel: number | null;
    budget: { usd: number; period: string } | null;
    premium_requests: { count: number; period: string } | null;
  };
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at?: string | null;
  spent?: {
    budget_usd: number | null;
    budget_resets_at: string | null;
    premium_requests: number | null;
    premium_requests_reset_at: string | null;
  } | null;
}

/** A created or rotated key: the row and, this once, the key itself. */
export type KeyWithSecret = KeyRow & { key: string };
