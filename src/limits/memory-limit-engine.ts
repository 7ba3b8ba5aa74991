import {
  counterNames,
  refusal,
  staleInFlightMs,
  ticketFor,
  toMicros,
  type Admission,
  type LimitEngine,
  type LimitName,
  type Settlement,
  type Ticket,
} from "./limit-engine.js";

interface Counter {
  values: Record<string, number>;
  expiresAt: number;
}

/**
 * The in-process engine: the same counters and decisions as the Redis script, in Maps. Used
 * without Redis, and as the per-process fallback while Redis is down.
 */
export function createMemoryLimitEngine(options: { now?: () => number } = {}): LimitEngine {
  const now = options.now ?? Date.now;
  const counters = new Map<string, Counter>();
  const inFlight = new Map<string, Map<string, number>>();
  let lastSweep = 0;

  function counter(name: string, expiresAt: number): Counter {
    let entry = counters.get(name);
    if (entry === undefined || entry.expiresAt <= now()) {
      entry = { values: {}, expiresAt };
      counters.set(name, entry);
    }
    return entry;
  }

  function sweep(): void {
    const time = now();
    if (time - lastSweep < 60_000) return;
    lastSweep = time;
    for (const [name, entry] of counters) if (entry.expiresAt <= time) counters.delete(name);
    for (const [name, requests] of inFlight) {
      for (const [id, since] of requests) if (time - since > staleInFlightMs) requests.delete(id);
      if (requests.size === 0) inFlight.delete(name);
    }
  }

  function decide(ticket: Ticket): LimitName | undefined {
    const { limits, reserveUsd, reservePremium } = ticket.request;
    const names = counterNames("", ticket);
    const flying = inFlight.get(names.inFlight)?.size ?? 0;
    if (limits.maxParallel !== undefined && flying >= limits.maxParallel) return "max_parallel";
    if (limits.rpm !== undefined && (counters.get(names.requests)?.values["n"] ?? 0) >= limits.rpm) return "rpm";
    if (limits.tpm !== undefined && (counters.get(names.tokens)?.values["n"] ?? 0) >= limits.tpm) return "tpm";
    if (limits.budget !== undefined) {
      const values = counter(names.budget, ticket.budget!.endsAt).values;
      if (overAllowance(values, toMicros(limits.budget.usd), toMicros(reserveUsd))) return "budget";
    }
    // A request that spends no premium request (an agent's turn, a free model, another upstream)
    // cannot overspend the allowance: a key that used it up still reaches those.
    if (limits.premiumRequests !== undefined && reservePremium > 0) {
      const values = counter(names.premium, ticket.premium!.endsAt).values;
      if (overAllowance(values, limits.premiumRequests.count, reservePremium)) return "premium_requests";
    }
    return undefined;
  }

  const engine: LimitEngine = {
    name: "memory",
    async admit(request): Promise<Admission> {
      sweep();
      const ticket = ticketFor(request, engine);
      const refused = decide(ticket);
      if (refused !== undefined) return refusal(refused, ticket);
      const { limits } = request;
      const names = counterNames("", ticket);
      if (limits.maxParallel !== undefined) {
        let requests = inFlight.get(names.inFlight);
        if (requests === undefined) inFlight.set(names.inFlight, (requests = new Map()));
        requests.set(request.requestId, request.now);
      }
      if (limits.rpm !== undefined) add(counter(names.requests, ticket.minute.endsAt).values, "n", 1);
      if (limits.budget !== undefined)
        add(counter(names.budget, ticket.budget!.endsAt).values, "reserved", toMicros(request.reserveUsd));
      if (limits.premiumRequests !== undefined)
        add(counter(names.premium, ticket.premium!.endsAt).values, "reserved", request.reservePremium);
      return { ok: true, ticket };
    },
    async settle(ticket: Ticket, actual: Settlement) {
      const { limits, reserveUsd, reservePremium, requestId } = ticket.request;
      const names = counterNames("", ticket);
      inFlight.get(names.inFlight)?.delete(requestId);
      if (limits.tpm !== undefined) add(counter(names.tokens, ticket.minute.endsAt).values, "n", actual.tokens);
      if (limits.budget !== undefined) {
        const values = counter(names.budget, ticket.budget!.endsAt).values;
        add(values, "reserved", -toMicros(reserveUsd));
        add(values, "spent", toMicros(actual.usd));
      }
      if (limits.premiumRequests !== undefined) {
        const values = counter(names.premium, ticket.premium!.endsAt).values;
        add(values, "reserved", -reservePremium);
        add(values, "spent", actual.premium);
      }
    },
    async seed(ticket, spent) {
      const names = counterNames("", ticket);
      const seedOne = (name: string, window: Ticket["budget"], amount: number) => {
        if (window === undefined || amount <= 0) return;
        const existing = counters.get(name);
        if (existing !== undefined && existing.expiresAt > now()) return;
        counters.set(name, { values: { spent: amount }, expiresAt: window.endsAt });
      };
      seedOne(names.budget, ticket.budget, toMicros(spent.usd));
      seedOne(names.premium, ticket.premium, spent.premium);
    },
    close: async () => undefined,
  };
  return engine;
}

function add(values: Record<string, number>, field: string, amount: number): void {
  values[field] = (values[field] ?? 0) + amount;
}

/**
 * Used up, or too little left for this request's reservation while others hold reservations:
 * concurrent requests cannot overshoot together, and a lone request is never refused for its
 * estimate alone. The Redis script decides the same way.
 */
function overAllowance(values: Record<string, number>, allowance: number, reserve: number): boolean {
  const spent = values["spent"] ?? 0;
  const reserved = values["reserved"] ?? 0;
  return spent + reserved >= allowance || (reserved > 0 && spent + reserved + reserve > allowance);
}
