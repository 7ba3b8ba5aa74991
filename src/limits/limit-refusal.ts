import { GatewayError } from "../errors/gateway-error.js";
import { budgetDollars, countOf } from "../lib/budget-dollars.js";
import type { VirtualKey } from "../keys/virtual-key.js";
import type { LimitName } from "./limit-engine.js";

function describeLimit(limit: LimitName, key: VirtualKey): string {
  const { limits } = key;
  switch (limit) {
    case "max_parallel":
      return `its limit of ${countOf(limits.maxParallel!, "request")} in flight at once`;
    case "rpm":
      return `its limit of ${countOf(limits.rpm!, "request")} per minute`;
    case "tpm":
      return `its limit of ${countOf(limits.tpm!, "token")} per minute`;
    case "budget":
      return `its budget of ${budgetDollars(limits.budget!.usd)} per ${limits.budget!.period}`;
    case "premium_requests":
      return `its allowance of ${countOf(limits.premiumRequests!.count, "premium request")} per ${limits.premiumRequests!.period}`;
  }
}

/**
 * The refusal of a request over a key's limit. Rate and parallel limits pass with time: a
 * retryable 429 with `retry-after`/`retry-after-ms`. A spent budget or allowance does not pass
 * until its period resets: a 429 with `x-should-retry: false` (the official SDKs then stop
 * retrying) saying which ran out and when it resets. The key itself is never named, only its name and id.
 */
export function limitRefusal(options: {
  key: VirtualKey;
  limit: LimitName;
  retryAfterMs: number;
  resetsAt: number;
}): GatewayError {
  const { key, limit, retryAfterMs, resetsAt } = options;
  // The master key's allowance (server.master_key_limits) is the config's, not a stored key's.
  const who = key.id === "master" ? "The master key" : `The Switchboard key "${key.name}" (${key.id})`;
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (limit === "budget" || limit === "premium_requests") {
    const reset = new Date(resetsAt).toISOString();
    return new GatewayError(
      "quota_exceeded",
      `${who} has used up ${describeLimit(limit, key)}; it resets at ${reset}.`,
      {
        param: limit,
        headers: { "x-should-retry": "false", "x-switchboard-limit": limit, "x-switchboard-limit-reset": reset },
      },
    );
  }
  return new GatewayError("rate_limited", `${who} is over ${describeLimit(limit, key)}; retry in ${seconds} s.`, {
    param: limit,
    headers: {
      "retry-after": String(seconds),
      "retry-after-ms": String(Math.ceil(retryAfterMs)),
      "x-switchboard-limit": limit,
    },
  });
}

/** A model the key may not use: 403 naming the ones it may. */
export function modelNotAllowed(key: VirtualKey, model: string): GatewayError {
  return new GatewayError(
    "permission",
    `The Switchboard key "${key.name}" (${key.id}) may not use model "${model}". Models it may use: ${(key.models ?? []).join(", ")}.`,
    { param: "model" },
  );
}
