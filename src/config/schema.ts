import { z } from "zod";
import { cacheSchema, masterKeyLimitsSchema, redisSchema, type TeamsConfig } from "./teams-config.js";
import { mcpConfigFileSchema, type McpConfig } from "./mcp-schema.js";

const timeoutsSchema = z.strictObject({
  connect_ms: z.number().int().positive().optional(),
  first_byte_ms: z.number().int().positive().optional(),
  idle_ms: z.number().int().positive().optional(),
});

const serverSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  api_key: z.string().min(1).optional(),
  /** An allowance for the master key (rpm, tpm, max_parallel, budget, premium_requests); none by default. */
  master_key_limits: masterKeyLimitsSchema.optional(),
  /** Manages Switchboard (admin API, /metrics, dashboard) but cannot call models (docs/teams.md). */
  admin_key: z.string().min(1).optional(),
  body_limit_mb: z.number().positive().optional(),
  /** Serve the Responses API's WebSocket mode (Codex's built-in provider); false answers the upgrade with 426. */
  responses_websocket: z.boolean().optional(),
  log_level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  timeouts: timeoutsSchema.optional(),
});

/**
 * One upstream account/endpoint. The keys below are common to every type; anything else
 * (Copilot's `enterprise_url`, an OpenAI-compatible `preset`'s options, …) passes through to the
 * provider's factory, which validates it with its own schema.
 */
const providerSchema = z.looseObject({
  // Checked against the provider registry when providers are built (presets such as `ollama` register types too).
  type: z.string().min(1),
  base_url: z.url().optional(),
  api_key: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  models: z.unknown().optional(),
  preset: z.string().optional(),
});

/** A route target: `provider/model`, or a bare model name any provider may know. */
const targetNameSchema = z.string().min(1);

/** The failure classes a route can fall back on (the router's `classifyError` assigns them). */
const errorClassSchema = z.enum([
  "rate_limit", // 429 and quota exhaustion (Copilot premium requests, Duo limits)
  "server_error", // 5xx, 529 overloaded
  "timeout", // connect / first-byte / idle timeouts and connection failures
  "context_window", // the prompt does not fit: only a target with a larger window can help
  "content_policy", // refused by a content filter
  "upstream_auth", // the gateway's own credential or entitlement for that target failed
]);

const strategySchema = z.enum(["weighted", "least-busy", "latency"]);

/** A deployment: a target name, or one with a load-balancing weight and its own dropped parameters. */
const deploymentSchema = z.union([
  targetNameSchema,
  z.strictObject({
    target: targetNameSchema,
    weight: z.number().positive().optional(),
    drop_params: z.array(z.string().min(1)).optional(),
  }),
]);

/** A route in full: deployments sharing the load, its fallback chains and its policy. */
const routeObjectSchema = z.strictObject({
  deployments: z.array(deploymentSchema).min(1),
  strategy: strategySchema.optional(),
  /** Route names (or target names) tried in order after the deployments. */
  fallbacks: z.array(targetNameSchema).optional(),
  context_window_fallbacks: z.array(targetNameSchema).optional(),
  content_policy_fallbacks: z.array(targetNameSchema).optional(),
  fallback_on: z.array(errorClassSchema).optional(),
  retries: z.number().int().min(0).optional(),
  deadline_s: z.number().positive().optional(),
  drop_params: z.array(z.string().min(1)).optional(),
  /** `auto` (default): cache breakpoints are added when a request is translated into Anthropic Messages. */
  prompt_cache: z.enum(["auto", "off"]).optional(),
});

/** A route: one target, an ordered chain of targets, or the full object. */
const routeSchema = z.union([targetNameSchema, z.array(targetNameSchema).min(1), routeObjectSchema], {
  error: `expected a "provider/model" string, a list of them (an ordered chain), or an object with deployments (and fallbacks, strategy, retries, …)`,
});

const routingSchema = z.looseObject({
  max_retries: z.number().int().min(0).optional(),
});

/** Defaults for every route's policy, and the deployment health settings. */
const routerSchema = z.strictObject({
  retries: z.number().int().min(0).optional(),
  deadline_s: z.number().positive().optional(),
  fallback_on: z.array(errorClassSchema).optional(),
  strategy: strategySchema.optional(),
  /** Consecutive failures before a deployment cools down. */
  allowed_fails: z.number().int().min(1).optional(),
  cooldown_s: z.number().min(0).optional(),
  /** A `retry-after` longer than this is not waited for on the same deployment: the chain moves on. */
  max_retry_wait_s: z.number().min(0).optional(),
  /** First backoff step; each retry doubles it (with full jitter). */
  backoff_base_ms: z.number().int().min(0).optional(),
  /** Drop parameters a target is known not to take (e.g. `thinking` for a model without reasoning), with a warning. */
  drop_params: z.boolean().optional(),
  /** Parameters removed from every request (LiteLLM's `additional_drop_params`). */
  additional_drop_params: z.array(z.string().min(1)).optional(),
});

/** A price per million tokens, overriding or adding to the store's table. */
const priceSchema = z.strictObject({
  input: z.number().min(0),
  output: z.number().min(0),
  cache_read: z.number().min(0).optional(),
  cache_write: z.number().min(0).optional(),
});

/** The usage store: embedded SQLite by default, PostgreSQL when `url` (or DATABASE_URL) is set. */
const storeSchema = z.strictObject({
  enabled: z.boolean().optional(),
  url: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  bodies: z.boolean().optional(),
  retention_days: z.number().positive().optional(),
  body_retention_days: z.number().positive().optional(),
  queue_max: z.number().int().positive().optional(),
  flush_interval_ms: z.number().int().min(10).max(60_000).optional(),
  prices: z.record(z.string().min(1), priceSchema).optional(),
});

/** The config file as written (after `${VAR}` expansion); every key optional. */
export const configFileSchema = z.strictObject({
  server: serverSchema.optional(),
  providers: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, "a provider id of letters, digits, _ . -"), providerSchema)
    .optional(),
  models: z.record(z.string().min(1), routeSchema).optional(),
  routing: routingSchema.optional(),
  router: routerSchema.optional(),
  redis: redisSchema.optional(),
  cache: cacheSchema.optional(),
  store: storeSchema.optional(),
  ...mcpConfigFileSchema,
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type ErrorClassName = z.infer<typeof errorClassSchema>;
export type StrategyName = z.infer<typeof strategySchema>;

/** One deployment of a route, normalised. */
export interface DeploymentConfig {
  target: string;
  weight: number;
  dropParams: string[];
}

/** A route, normalised: every form in the file becomes this. */
export interface RouteConfig {
  deployments: DeploymentConfig[];
  strategy?: StrategyName;
  fallbacks: string[];
  contextWindowFallbacks?: string[];
  contentPolicyFallbacks?: string[];
  fallbackOn?: ErrorClassName[];
  retries?: number;
  deadlineS?: number;
  dropParams: string[];
  promptCache?: "auto" | "off";
}

/** The global routing settings, defaults filled. */
export interface RouterConfig {
  retries: number;
  deadlineS: number;
  fallbackOn: ErrorClassName[];
  strategy: StrategyName;
  allowedFails: number;
  cooldownS: number;
  maxRetryWaitS: number;
  backoffBaseMs: number;
  dropParams: boolean;
  additionalDropParams: string[];
}

/** The resolved configuration every other module receives: defaults filled, flags and env applied. */
export interface Config {
  server: {
    host: string;
    port: number;
    apiKey?: string;
    /** `server.admin_key` / SWITCHBOARD_ADMIN_KEY: the admin API, /metrics and the dashboard, no model calls. */
    adminKey?: string;
    bodyLimitMb: number;
    responsesWebsocket: boolean;
    logLevel: string;
    timeouts: { connectMs: number; firstByteMs: number; idleMs: number };
  };
  providers: Record<string, ProviderConfig>;
  /** Alias → its deployments then its fallbacks, in order (for listings; `routes` has the whole policy). */
  models: Record<string, string[]>;
  /** Alias → its route: deployments, fallback chains, policy. */
  routes: Record<string, RouteConfig>;
  router: RouterConfig;
  /** Keys, limits, Redis and the response cache (src/config/teams-config.ts). */
  teams?: TeamsConfig;
  /** The usage store (`src/store/store-options.ts` has the same fields); `enabled: false` only logs usage. */
  store: {
    enabled: boolean;
    engine: "sqlite" | "postgres";
    path: string;
    url?: string;
    bodies: boolean;
    retentionDays: number;
    bodyRetentionDays: number;
    queueMax: number;
    flushIntervalMs: number;
    batchSize: number;
    prices: Record<string, { input: number; output: number; cacheRead?: number; cacheWrite?: number }>;
  };
  /** Tool servers behind `/mcp` (src/mcp/); absent in configs built by hand. */
  mcp?: McpConfig;
}
