import { GatewayError } from "../errors/gateway-error.js";
import type { Logger } from "../lib/logger.js";
import type { Admission, AdmitRequest, LimitEngine, Settlement, Ticket } from "./limit-engine.js";

export interface CoordinationHealth {
  /** Where limits are decided now. */
  engine: "memory" | "redis";
  /** Redis reachable (undefined when none is configured). */
  redisUp: boolean | undefined;
  /** `redis.fail_closed`: while Redis is down, limited requests are refused rather than counted per process. */
  failClosed?: boolean;
  /** The cache's own Redis (`cache.redis.url`) reachable; undefined when there is none. */
  cacheRedisUp?: boolean;
  /** Decisions made per process because Redis was down, since start. */
  fallbackDecisions: number;
}

export interface FallbackLimitEngine extends LimitEngine {
  health(): CoordinationHealth;
}

/**
 * Redis first; while it is unreachable, per-process limits (fail open, the default) or a 503
 * refusal of limited requests (fail closed). Each admission is settled by the engine that
 * admitted it. Whether Redis is back is learnt from the connection (`isUp`), which ioredis
 * reconnects with backoff.
 */
export function createFallbackLimitEngine(options: {
  primary: LimitEngine;
  fallback: LimitEngine;
  isUp: () => boolean;
  failClosed: boolean;
  logger: Logger;
}): FallbackLimitEngine {
  const { primary, fallback, isUp, failClosed, logger } = options;
  let fallbackDecisions = 0;
  let degraded = false;
  // Degraded because the connection was down (not because calls failed on a live one): the
  // connection coming back is then enough to say limits are global again.
  let degradedWhileDisconnected = false;

  function markDown(error: unknown): void {
    if (!degraded) {
      degraded = true;
      degradedWhileDisconnected = !isUp();
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        failClosed
          ? "Redis is unreachable: limited requests are refused until it returns (redis.fail_closed)"
          : "Redis is unreachable: limits are enforced per process until it returns",
      );
    }
  }

  function viaFallback(request: AdmitRequest): Promise<Admission> {
    fallbackDecisions += 1;
    if (failClosed) {
      throw new GatewayError(
        "upstream_unavailable",
        "Limits cannot be checked right now (the coordination store is unreachable); try again shortly.",
        { headers: { "retry-after": "5" } },
      );
    }
    return fallback.admit(request);
  }

  return {
    name: "redis",
    async admit(request) {
      if (!isUp()) {
        markDown("not connected");
        return viaFallback(request);
      }
      try {
        const admission = await primary.admit(request);
        if (degraded) {
          degraded = false;
          logger.info("Redis is back: limits are global again");
        }
        return admission;
      } catch (error) {
        markDown(error);
        return viaFallback(request);
      }
    },
    async settle(ticket: Ticket, actual: Settlement) {
      try {
        await ticket.engine.settle(ticket, actual);
      } catch (error) {
        // The counters are Redis's, which is down: nothing to settle against; its TTLs clean up.
        markDown(error);
      }
    },
    async seed(ticket, spent) {
      // Both: the per-process counters take over from Redis's if it goes down.
      await fallback.seed(ticket, spent);
      if (isUp()) await primary.seed(ticket, spent).catch((error: unknown) => markDown(error));
    },
    // Where the next decision goes: once a lost connection is back, Redis, not only after an
    // admission proves it; while calls fail on a live connection, still per process.
    health: () => ({
      engine: degraded && !(degradedWhileDisconnected && isUp()) ? "memory" : "redis",
      redisUp: isUp(),
      fallbackDecisions,
      failClosed,
    }),
    async close() {
      await Promise.allSettled([primary.close(), fallback.close()]);
    },
  };
}
