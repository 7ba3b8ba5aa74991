import type { KeyLimits } from "../keys/virtual-key.js";
import { minuteWindow, periodWindow, type Window } from "./periods.js";

/** Each limit a key can run into, as named in refusals. */
export type LimitName = "max_parallel" | "rpm" | "tpm" | "budget" | "premium_requests";

/** Decision codes shared by the in-process engine and the Redis script (0 = admitted). */
export const limitCodes: readonly (LimitName | "ok")[] = [
  "ok",
  "max_parallel",
  "rpm",
  "tpm",
  "budget",
  "premium_requests",
];

export interface AdmitRequest {
  /** Whose counters: a key's id. */
  subject: string;
  requestId: string;
  limits: KeyLimits;
  /** The estimated cost reserved until the answer is over, in US dollars. */
  reserveUsd: number;
  /** The premium requests reserved (user-initiated × multiplier, estimated). */
  reservePremium: number;
  now: number;
}

/** What an admission holds until it is settled: the windows it counted in. */
export interface Ticket {
  request: AdmitRequest;
  minute: Window;
  budget: Window | undefined;
  premium: Window | undefined;
  /** The engine that admitted it, which is the one to settle it. */
  engine: LimitEngine;
}

export type Admission =
  { ok: true; ticket: Ticket } | { ok: false; limit: LimitName; retryAfterMs: number; resetsAt: number };

/** What the answer really cost, counted when it is over. */
export interface Settlement {
  tokens: number;
  usd: number;
  premium: number;
}

/**
 * Decides admissions on one set of counters: in this process, or in Redis, where one atomic
 * script reads and updates the global counters so that N replicas enforce one limit.
 */
export interface LimitEngine {
  readonly name: "memory" | "redis";
  /** Checks every limit and, when all pass, counts the request in (rate, in flight, reservations). */
  admit(request: AdmitRequest): Promise<Admission>;
  /** Ends an admitted request: out of flight, tokens counted, reservations replaced by real spend. */
  settle(ticket: Ticket, actual: Settlement): Promise<void>;
  /**
   * Sets what a key had spent in the ticket's budget and premium periods before these counters
   * existed (read from the usage store after a restart); counters that exist are left alone.
   */
  seed(ticket: Ticket, spent: { usd: number; premium: number }): Promise<void>;
  close(): Promise<void>;
}

/** Counters hold whole micro-dollars (Redis increments integers). */
export function toMicros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

/** A request in flight longer than this is taken to be lost (a replica died holding it). */
export const staleInFlightMs = 15 * 60_000;

export function ticketFor(request: AdmitRequest, engine: LimitEngine): Ticket {
  const { budget, premiumRequests } = request.limits;
  return {
    request,
    minute: minuteWindow(request.now),
    budget: budget === undefined ? undefined : periodWindow(budget.period, request.now),
    premium: premiumRequests === undefined ? undefined : periodWindow(premiumRequests.period, request.now),
    engine,
  };
}

/** When a refused request could be tried again, and when the limit resets. */
export function refusal(limit: LimitName, ticket: Ticket): Admission {
  const now = ticket.request.now;
  const resetsAt =
    limit === "budget"
      ? ticket.budget!.endsAt
      : limit === "premium_requests"
        ? ticket.premium!.endsAt
        : limit === "max_parallel"
          ? now + 1_000
          : ticket.minute.endsAt;
  return { ok: false, limit, retryAfterMs: Math.max(1, resetsAt - now), resetsAt };
}

/** Names of the counters of one ticket (a Redis hash tag keeps one subject's counters on one cluster slot). */
export function counterNames(prefix: string, ticket: Ticket) {
  const base = `${prefix}limits:{${ticket.request.subject}}`;
  return {
    inFlight: `${base}:inflight`,
    requests: `${base}:rpm:${ticket.minute.id}`,
    tokens: `${base}:tpm:${ticket.minute.id}`,
    budget: `${base}:budget:${ticket.budget?.id ?? "none"}`,
    premium: `${base}:premium:${ticket.premium?.id ?? "none"}`,
  };
}
