import type { Redis } from "ioredis";
import {
  counterNames,
  limitCodes,
  refusal,
  staleInFlightMs,
  ticketFor,
  toMicros,
  type Admission,
  type LimitEngine,
  type LimitName,
  type Ticket,
} from "./limit-engine.js";
import { createScriptBatcher } from "./redis-script-batcher.js";

/** Counters outlive their window a little, so a settle that comes late still finds them. */
const graceMs = 10 * 60_000;

function ttls(ticket: Ticket): [number, number, number] {
  const now = ticket.request.now;
  return [
    ticket.minute.endsAt - now + graceMs,
    (ticket.budget?.endsAt ?? now) - now + graceMs,
    (ticket.premium?.endsAt ?? now) - now + graceMs,
  ];
}

/**
 * Limits in Redis, shared by every replica using the same Redis and key prefix. Errors (Redis
 * down, a timeout) are thrown to the caller, which falls back (`createFallbackLimitEngine`).
 */
export function createRedisLimitEngine(options: { redis: Redis; prefix: string }): LimitEngine {
  const client = options.redis;
  const calls = createScriptBatcher(client);
  const keysOf = (ticket: Ticket) => {
    const names = counterNames(options.prefix, ticket);
    return [names.inFlight, names.requests, names.tokens, names.budget, names.premium];
  };
  const engine: LimitEngine = {
    name: "redis",
    async admit(request): Promise<Admission> {
      const ticket = ticketFor(request, engine);
      const { limits } = request;
      const [minuteTtl, budgetTtl, premiumTtl] = ttls(ticket);
      const code = await calls.admit({
        keys: keysOf(ticket),
        args: [
          request.now,
          request.requestId,
          limits.maxParallel ?? 0,
          limits.rpm ?? 0,
          limits.tpm ?? 0,
          limits.budget === undefined ? 0 : toMicros(limits.budget.usd),
          toMicros(request.reserveUsd),
          limits.premiumRequests?.count ?? 0,
          request.reservePremium,
          minuteTtl,
          budgetTtl,
          premiumTtl,
          staleInFlightMs,
        ],
      });
      if (code === 0) return { ok: true, ticket };
      return refusal(limitCodes[code] as LimitName, ticket);
    },
    async settle(ticket, actual) {
      const { limits, requestId, reserveUsd, reservePremium } = ticket.request;
      // Only the request rate counted: nothing to settle, no second round trip.
      const { maxParallel, tpm, budget, premiumRequests } = limits;
      if (maxParallel === undefined && tpm === undefined && budget === undefined && premiumRequests === undefined)
        return;
      const [minuteTtl, budgetTtl, premiumTtl] = ttls(ticket);
      await calls.settle({
        keys: keysOf(ticket),
        args: [
          requestId,
          Math.max(0, Math.round(actual.tokens)),
          limits.tpm === undefined ? 0 : 1,
          limits.budget === undefined ? 0 : 1,
          toMicros(reserveUsd),
          toMicros(actual.usd),
          limits.premiumRequests === undefined ? 0 : 1,
          reservePremium,
          actual.premium,
          minuteTtl,
          budgetTtl,
          premiumTtl,
        ],
      });
    },
    async seed(ticket, spent) {
      const names = counterNames(options.prefix, ticket);
      const [, budgetTtl, premiumTtl] = ttls(ticket);
      const pipeline = client.multi();
      if (ticket.budget !== undefined && spent.usd > 0) {
        pipeline.hsetnx(names.budget, "spent", toMicros(spent.usd)).pexpire(names.budget, budgetTtl);
      }
      if (ticket.premium !== undefined && spent.premium > 0) {
        pipeline.hsetnx(names.premium, "spent", spent.premium).pexpire(names.premium, premiumTtl);
      }
      await pipeline.exec();
    },
    // Settles still waiting are sent before the connection goes.
    close: () => calls.flush(),
  };
  return engine;
}
