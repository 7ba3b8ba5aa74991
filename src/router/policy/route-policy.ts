import { defaults } from "../../config/defaults.js";
import type { ErrorClass } from "./error-class.js";
import type { Deployment, Strategy } from "./order-deployments.js";

/** One step of a fallback chain: a model with one or more deployments sharing the load. */
export interface TargetGroup {
  /** The route or model name this group came from (for logs and headers). */
  name: string;
  deployments: Deployment[];
  strategy: Strategy;
}

export interface RoutePolicy {
  /** Which error classes move a request on to the next deployment or group. */
  fallbackOn: ReadonlySet<ErrorClass>;
  /** Retries of the same deployment for retryable failures, before moving on. */
  retries: number;
  /** The whole request, all attempts and waits included, must finish starting within this. */
  deadlineMs: number;
  /** A `retry-after` longer than this is not waited for on the same deployment: move on instead. */
  maxRetryWaitMs: number;
}

/** A policy with the config's default fallback classes (tests build plans with it). */
export function defaultRoutePolicy(overrides: Partial<RoutePolicy> = {}): RoutePolicy {
  return {
    fallbackOn: new Set(defaults.fallbackOn),
    retries: 1,
    deadlineMs: 600_000,
    maxRetryWaitMs: 10_000,
    ...overrides,
  };
}

/** What the router resolved for one request: the groups in order (primary, then fallbacks) and the policy. */
export interface RoutePlan {
  groups: TargetGroup[];
  /**
   * Chains that replace the rest of `groups` when a failure of that class happens (LiteLLM's
   * `context_window_fallbacks`, `content_policy_fallbacks`).
   */
  classFallbacks?: Partial<Record<ErrorClass, TargetGroup[]>>;
  policy: RoutePolicy;
}
