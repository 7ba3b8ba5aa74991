import type { WireApi } from "../protocols/wire-api.js";
import type { Logger } from "../lib/logger.js";
import type { UpstreamResponse, UpstreamTimeouts } from "../upstream/upstream-types.js";

export type { UpstreamResponse, UpstreamTimeouts };

/** A model one provider offers, with the wire APIs it can be reached through (preferred first). */
export interface ModelInfo {
  /** The provider's own model id, sent upstream. */
  id: string;
  apis: WireApi[];
  /** Other names clients may use for it (Duo aliases, Copilot's dashed names). */
  aliases?: string[];
  displayName?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** Premium-request multiplier or other billing hints, shown in `/v1/models`. */
  billing?: { multiplier?: number; premium?: boolean };
  capabilities?: { vision?: boolean; reasoning?: boolean; tools?: boolean };
  /**
   * Set when the account cannot use the model until the user enables it (Copilot: a `policy.state`
   * other than `enabled`). Such a model stays listed, so the user learns it exists, but setup and
   * `switchboard claude`/`codex` never pick it and `doctor` fails a client configured with it.
   */
  notEnabled?: { state: string; fix: string };
}

/** Claude Code requests that no person typed but that look like a fresh prompt (see the gateway's recognizer). */
export type SideRequestKind = "session-title" | "subagent" | "compaction";

/** What the gateway knows about the request, for providers that shape headers by it (Copilot's `X-Initiator`). */
export interface RequestContext {
  requestId: string;
  clientApi: WireApi;
  /** Who started this turn: the person (`user`) or an agent loop / side request (`agent`). */
  initiator: "user" | "agent";
  /** Set when the request is one of Claude Code's side requests; such a request is always `agent`. */
  sideRequest?: SideRequestKind;
  /** True when the request carries images (Copilot needs `copilot-vision-request`). */
  hasImages: boolean;
  /** Client headers worth forwarding to a same-protocol upstream (`anthropic-beta`, `anthropic-version`, `openai-beta`). */
  forwardHeaders: Record<string, string>;
  /** A provider's queue holds this request (streamed requests only): the server keeps the client's connection alive meanwhile. */
  onQueueWait?: () => void;
}

export interface UpstreamRequest {
  api: WireApi;
  /** The provider's model id (already in the body). */
  model: string;
  /** The serialized JSON body. */
  body: Buffer | string;
  stream: boolean;
  /** Extra path suffix/query to keep, e.g. `?beta=true` on Anthropic Messages. */
  query?: string;
  /** `count_tokens` instead of a generation (Anthropic Messages only). */
  operation?: "generate" | "count_tokens";
  context: RequestContext;
  signal: AbortSignal;
}

/**
 * One configured upstream account/endpoint. Auth, base URLs and quirks live behind this.
 * `send` resolves only for 2xx answers; every other outcome throws a `GatewayError` with a
 * code that says what kind of failure it was (rate limit, quota, overload, timeout, …) so the
 * router can decide what to do.
 */
export interface Provider {
  /** The name in the config (`anthropic`, `copilot`, `duo`, …): the `provider/` prefix of model names. */
  id: string;
  type: string;
  listModels(): Promise<ModelInfo[]>;
  /**
   * Maps a client's name for a model to this provider's model, or undefined when it has none.
   * Handles aliases and spellings (dots vs dashes, dated Anthropic names, vendor prefixes).
   */
  resolveModel(name: string): Promise<ModelInfo | undefined>;
  /**
   * The model for an id the config names explicitly (`provider/model`) that this provider's list
   * lacks, or when the list cannot be had (a server without `GET /models`): sent as written,
   * through the APIs this provider would use for such a model. The upstream decides whether it
   * exists. Providers without it are reached through their type's usual API.
   */
  modelAsNamed?(id: string): ModelInfo;
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  /**
   * The model that serves names nothing else routes, when the user chose one for this provider
   * (Copilot's `GITHUB_COPILOT_MODEL`). Used only when the config has no `"*"` route.
   */
  readonly defaultModel?: string | undefined;
  /** Who this provider signs in as, for the dashboard; never a token or key. */
  signInState?(): Promise<ProviderSignInState>;
  /**
   * Signs in with the upstream now, for `switchboard doctor`, where listing the models may not
   * reach it: GitLab Duo's model table is built in (its direct-access token proves the sign-in),
   * and an API-key provider whose models the config lists asks `GET /models` anyway.
   */
  verifySignIn?(): Promise<void>;
  /** The account's premium-request quota as the vendor reports it (Copilot), recorded over time by the usage store. */
  premiumQuota?(): Promise<PremiumQuota | undefined>;
  /** Frees pools and timers. */
  close(): Promise<void>;
  /** `POST /embeddings` in OpenAI's shape, for providers whose upstream offers it; absent otherwise. */
  embed?(request: EmbeddingRequest): Promise<UpstreamResponse>;
}

/** An OpenAI-shaped embeddings request, its `model` already the provider's id. */
export interface EmbeddingRequest {
  model: string;
  body: string;
  signal: AbortSignal;
}

/** A provider's sign-in as the dashboard shows it. Nothing secret: names, plans, dates, presence. */
export type ProviderSignInState =
  | {
      kind: "github";
      signedIn: boolean;
      /** Where the GitHub login came from (`switchboard login`, `gh`, an environment variable). */
      source?: string;
      account?: string;
      plan?: string;
      premiumRequests?: { entitlement?: number; remaining?: number; percentRemaining?: number; unlimited: boolean };
      quotaResetDate?: string;
      /** Why the account could not be read (no Copilot, GitHub unreachable). */
      problem?: string;
    }
  | { kind: "gitlab"; instanceUrl: string; tokenExpiresAt?: string; problem?: string }
  | { kind: "api-key"; keyPresent: boolean };

export interface ProviderFactoryContext {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The user's Switchboard config directory (tokens are saved there, mode 0600). */
  configDir: string;
  /** Default upstream timeouts in milliseconds. */
  timeouts: UpstreamTimeouts;
}

/** Premium requests as the vendor counts them (Copilot's `/copilot_internal/user` `premium_interactions`). */
export interface PremiumQuota {
  entitlement?: number;
  remaining?: number;
  percentRemaining?: number;
  unlimited: boolean;
  resetDate?: string;
}

/** Builds a provider from its config entry (validated by the provider's own schema). */
export type ProviderFactory = (
  id: string,
  config: Record<string, unknown>,
  context: ProviderFactoryContext,
) => Provider;

/**
 * How a provider type is built from a config entry and, optionally, how to find a usable login
 * with no config at all (Copilot: a `gh` login; Duo: `GITLAB_TOKEN`). Lives here, not in the
 * registry, so that provider folders can declare their type without importing the registry.
 */
export interface ProviderType {
  create: ProviderFactory;
  /** The provider id used when the provider is detected without config (e.g. `copilot`). */
  defaultId?: string;
  /** Returns a config entry when the environment holds what this provider needs. */
  detect?: (env: NodeJS.ProcessEnv, configDir: string) => Promise<Record<string, unknown> | undefined>;
}
