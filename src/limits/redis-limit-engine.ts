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
import { admitScript, settleManyScript } from "./limit-scripts.js";

type ScriptClient = Redis & {
  switchboardAdmit(...arguments_: (string | number)[]): Promise<number>;
  /** Settles of several requests: the number of keys first (five per request), then keys, then arguments. */
  switchboardSettleMany(...arguments_: (string | number)[]): Promise<number>;
};

/**
 * Settles wait this long to share one round trip (a round trip costs ~30 µs of ioredis CPU here,
 * as much as the rest of a key's check): a slot in flight or a spend is counted at most this late.
 */
const settleBatchMs = 2;
/** A batch this large goes at once (Lua's stack is not the limit; one script's run time is). */
const settleBatchMax = 64;

interface SettleBatch {
  keys: string[];
  args: (string | number)[];
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

/** Collects settles for `settleBatchMs` and sends them as one `EVALSHA`; each caller's promise ends with it. */
function createSettleBatcher(client: ScriptClient) {
  let batch: SettleBatch = { keys: [], args: [], waiters: [] };
  let timer: NodeJS.Timeout | undefined;
  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const sending = batch;
    if (sending.waiters.length === 0) return Promise.resolve();
    batch = { keys: [], args: [], waiters: [] };
    return client.switchboardSettleMany(sending.keys.length, ...sending.keys, ...sending.args).then(
      () => {
        for (const waiter of sending.waiters) waiter.resolve();
      },
      (error: unknown) => {
        for (const waiter of sending.waiters) waiter.reject(error);
      },
    );
  }
  return {
    add(keys: string[], args: (string | number)[]): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        batch.keys.push(...keys);
        batch.args.push(...args);
        batch.waiters.push({ resolve, reject });
        if (batch.waiters.length >= settleBatchMax) void flush();
        else if (timer === undefined) timer = setTimeout(() => void flush(), settleBatchMs);
      });
    },
    flush,
  };
}

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
  const client = options.redis as ScriptClient;
  if (typeof client.switchboardAdmit !== "function") {
    client.defineCommand("switchboardAdmit", { numberOfKeys: 5, lua: admitScript });
    client.defineCommand("switchboardSettleMany", { lua: settleManyScript });
  }
  const settles = createSettleBatcher(client);
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
      const code = await client.switchboardAdmit(
        ...keysOf(ticket),
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
      );
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
      await settles.add(keysOf(ticket), [
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
      ]);
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
    close: () => settles.flush().catch(() => undefined),
  };
  return engine;
}
