import type { GatewayError } from "../../errors/gateway-error.js";
import type { DeploymentHealth } from "../../router/policy/deployment-health.js";
import { classifyError } from "../../router/policy/error-class.js";
import type { RoutePlan } from "../../router/policy/route-policy.js";
import type { AttemptRecord } from "../../router/policy/run-with-policy.js";
import { headerSafe } from "../../lib/header-safe.js";

/** `openai/gpt-4o=rate_limited(429), anthropic/claude-sonnet-4-5=ok`: every attempt, in order. */
export function formatAttempts(attempts: AttemptRecord[]): string {
  const text = attempts
    .map(
      (attempt) =>
        `${attempt.provider}/${attempt.model}=${attempt.outcome}${attempt.status === undefined ? "" : `(${attempt.status})`}`,
    )
    .join(", ");
  // A catch-all route sends the client's own model name: it may hold anything.
  return headerSafe(text);
}

/** What served the request and how it got there. */
export function servedHeaders(options: {
  provider: string;
  model: string;
  routeName: string | undefined;
  attempts: AttemptRecord[];
}): Record<string, string> {
  const headers: Record<string, string> = {
    "x-switchboard-provider": headerSafe(options.provider),
    "x-switchboard-model": headerSafe(options.model),
    "x-switchboard-attempts": String(options.attempts.length),
    "x-switchboard-attempted": formatAttempts(options.attempts),
  };
  if (options.routeName !== undefined) headers["x-switchboard-route"] = headerSafe(options.routeName);
  return headers;
}

/**
 * The headers of a routing failure. Once the gateway has retried or walked its chain, a client
 * retry would only multiply the load: `x-should-retry: false` (the official SDKs honour it). When
 * trying later can help, `retry-after` / `retry-after-ms` say when: the upstream's own ask, or the
 * moment the first of the route's deployments leaves its cooldown.
 */
export function failureHeaders(options: {
  error: GatewayError;
  attempts: AttemptRecord[];
  plan: RoutePlan | undefined;
  health: DeploymentHealth;
  now: number;
}): Record<string, string> {
  const { error, attempts } = options;
  const headers: Record<string, string> = { "x-switchboard-attempts": String(attempts.length) };
  if (attempts.length > 0) headers["x-switchboard-attempted"] = formatAttempts(attempts);
  if (attempts.length > 1) headers["x-should-retry"] = "false";
  const errorClass = classifyError(error);
  const transient = errorClass === "rate_limit" || errorClass === "server_error" || errorClass === "timeout";
  if (!transient || options.plan === undefined) return headers;
  let waitMs = error.upstream?.retryAfter === undefined ? undefined : error.upstream.retryAfter * 1000;
  const cooldownEnds = options.plan.groups
    .flatMap((group) => group.deployments)
    .map((deployment) => options.health.cooldownEnds(deployment.key))
    .filter((end) => end > options.now);
  if (cooldownEnds.length > 0) {
    const soonest = Math.min(...cooldownEnds) - options.now;
    waitMs = waitMs === undefined ? soonest : Math.min(waitMs, soonest);
  }
  if (waitMs !== undefined) {
    headers["retry-after"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
    headers["retry-after-ms"] = String(Math.max(0, Math.round(waitMs)));
  }
  return headers;
}
