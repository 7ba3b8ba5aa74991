import { toGatewayError, type GatewayError } from "../errors/gateway-error.js";
import type { RouteTarget } from "./route-target.js";

export interface Attempt {
  provider: string;
  model: string;
  outcome: "served" | "failed";
  status?: number;
  error?: GatewayError;
}

export interface AttemptResult<T> {
  value: T;
  target: RouteTarget;
  attempts: Attempt[];
}

/**
 * Tries the targets in order. A failure moves on to the next target only when it is retryable
 * (rate limit, overload, timeout, 5xx) and happened before anything reached the client — `attempt`
 * must therefore resolve once an answer has started. The routing-policies work (retry with backoff,
 * load balancing) replaces this function.
 */
export async function attemptTargets<T>(
  targets: RouteTarget[],
  attempt: (target: RouteTarget, index: number) => Promise<T>,
): Promise<AttemptResult<T>> {
  const attempts: Attempt[] = [];
  for (const [index, target] of targets.entries()) {
    try {
      const value = await attempt(target, index);
      attempts.push({ provider: target.provider.id, model: target.model.id, outcome: "served" });
      return { value, target, attempts };
    } catch (thrown) {
      const error = toGatewayError(thrown);
      const failed: Attempt = {
        provider: target.provider.id,
        model: target.model.id,
        outcome: "failed",
        status: error.status,
        error,
      };
      attempts.push(failed);
      const isLast = index === targets.length - 1;
      if (isLast || !error.retryable || error.code === "client_closed") throw new AttemptsFailed(error, attempts);
    }
  }
  throw new AttemptsFailed(toGatewayError(new Error("no targets")), attempts);
}

/** The last target's error, with the record of every attempt. */
export class AttemptsFailed extends Error {
  constructor(
    readonly error: GatewayError,
    readonly attempts: Attempt[],
  ) {
    super(error.message);
    this.name = "AttemptsFailed";
  }
}
