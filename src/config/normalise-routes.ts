import { defaults } from "./defaults.js";
import type { ConfigFile, DeploymentConfig, RouteConfig, RouterConfig } from "./schema.js";

type RouteEntry = NonNullable<ConfigFile["models"]>[string];

/** Every form a route can take in the file (a name, a chain, an object) → one shape. */
export function normaliseRoute(entry: RouteEntry): RouteConfig {
  if (typeof entry === "string") return { deployments: [deployment(entry)], fallbacks: [], dropParams: [] };
  if (Array.isArray(entry)) {
    // A list is an ordered chain: its first target serves, the rest are fallbacks in order.
    const [first, ...rest] = entry as [string, ...string[]];
    return { deployments: [deployment(first)], fallbacks: rest, dropParams: [] };
  }
  const route: RouteConfig = {
    deployments: entry.deployments.map((item) =>
      typeof item === "string"
        ? deployment(item)
        : { target: item.target, weight: item.weight ?? 1, dropParams: item.drop_params ?? [] },
    ),
    fallbacks: entry.fallbacks ?? [],
    dropParams: entry.drop_params ?? [],
  };
  if (entry.strategy !== undefined) route.strategy = entry.strategy;
  if (entry.context_window_fallbacks !== undefined) route.contextWindowFallbacks = entry.context_window_fallbacks;
  if (entry.content_policy_fallbacks !== undefined) route.contentPolicyFallbacks = entry.content_policy_fallbacks;
  if (entry.fallback_on !== undefined) route.fallbackOn = entry.fallback_on;
  if (entry.retries !== undefined) route.retries = entry.retries;
  if (entry.deadline_s !== undefined) route.deadlineS = entry.deadline_s;
  if (entry.prompt_cache !== undefined) route.promptCache = entry.prompt_cache;
  return route;
}

function deployment(target: string): DeploymentConfig {
  return { target, weight: 1, dropParams: [] };
}

export function normaliseRoutes(models: NonNullable<ConfigFile["models"]>): Record<string, RouteConfig> {
  return Object.fromEntries(Object.entries(models).map(([name, entry]) => [name, normaliseRoute(entry)]));
}

/** The `router:` block with defaults; `MAX_RETRIES` and `REQUEST_TIMEOUT` fill what the file leaves out. */
export function normaliseRouter(
  router: ConfigFile["router"],
  environment: {
    maxRetries: number | undefined;
    /** `routing.max_retries`, the key this block replaces. */
    legacyMaxRetries: number | undefined;
    requestTimeoutSeconds: number | undefined;
  },
): RouterConfig {
  return {
    retries: environment.maxRetries ?? router?.retries ?? environment.legacyMaxRetries ?? defaults.routeRetries,
    deadlineS: router?.deadline_s ?? defaults.routeDeadlineS,
    fallbackOn: router?.fallback_on ?? [...defaults.fallbackOn],
    strategy: router?.strategy ?? "weighted",
    allowedFails: router?.allowed_fails ?? defaults.allowedFails,
    cooldownS: router?.cooldown_s ?? defaults.cooldownS,
    // A wait as long as the upstream's own first-byte timeout is never worth it on the same deployment.
    maxRetryWaitS:
      router?.max_retry_wait_s ?? Math.min(defaults.maxRetryWaitS, environment.requestTimeoutSeconds ?? Infinity),
    backoffBaseMs: router?.backoff_base_ms ?? defaults.backoffBaseMs,
    dropParams: router?.drop_params ?? true,
    additionalDropParams: router?.additional_drop_params ?? [],
  };
}
