import type { Usage } from "../ir/usage.js";
import type { Principal } from "../keys/key-authenticator.js";
import type { KeyLimits, VirtualKey } from "../keys/virtual-key.js";
import type { Logger } from "../lib/logger.js";
import { estimateCost, estimateReservation } from "./estimate-cost.js";
import { ticketFor, type AdmitRequest, type LimitEngine, type Ticket } from "./limit-engine.js";
import { limitRefusal, modelNotAllowed } from "./limit-refusal.js";

/** What a request's answer cost, told to its grant when the request is over. */
export interface AccessOutcome {
  usage?: Usage | undefined;
  upstreamModel?: string | undefined;
  /** The store's own estimates, when the usage record carries them. */
  costUsd?: number | undefined;
  premiumSpent?: number | undefined;
}

/** An admitted request's hold on its key's limits; `settle` once, when the request is over. */
export interface AccessGrant {
  settle(outcome: AccessOutcome): void;
}

export interface AccessRequest {
  principal: Principal | undefined;
  /**
   * The route (model name) asked for. Undefined for what is not a model request (an MCP tool
   * call): no model list applies, nothing is reserved against the budget, and it costs nothing.
   */
  model: string | undefined;
  requestId: string;
  initiator?: "user" | "agent" | undefined;
  /** The request body's size, for the cost reservation. */
  bodyBytes: number;
  maxOutputTokens?: number | undefined;
  /**
   * The premium requests a user's turn of this request may spend (its route's largest Copilot
   * multiplier, none off Copilot), asked only of keys with a premium allowance. One when not given.
   */
  premiumPerUserTurn?: (() => Promise<number>) | undefined;
}

/**
 * The one check every route makes (generation, passthrough or translated, embeddings, MCP):
 * is the key allowed this model, and is it within its limits. Returns `undefined` at once for
 * an unlimited key and the master key without `server.master_key_limits` (no engine call, no
 * promise); throws the refusal as a `GatewayError`, rendered by the caller in its own protocol's shape.
 */
export interface RequestAccess {
  admit(request: AccessRequest): AccessGrant | undefined | Promise<AccessGrant | undefined>;
  /** A reloaded config's `server.master_key_limits` (SIGHUP): applies to the next requests. */
  setMasterKeyLimits?(limits: KeyLimits | undefined): void;
}

function hasLimits(limits: object): boolean {
  for (const _name in limits) return true;
  return false;
}

/** What a key spent since a moment, by the usage store's rows (budgets survive a restart). */
export type SpendSince = (keyId: string, since: number) => Promise<{ usd: number; premium: number }>;

/** The master key as a key with an allowance: counted under the id its usage rows carry ("master"). */
function masterKeyWith(limits: KeyLimits): VirtualKey {
  return { id: "master", name: "master key", hash: "", hint: "", limits, createdAt: "" };
}

export function createRequestAccess(options: {
  engine: LimitEngine;
  logger: Logger;
  now?: () => number;
  spendSince?: SpendSince;
  /** `server.master_key_limits`: the master key's allowance (none when undefined or empty). */
  masterKeyLimits?: KeyLimits | undefined;
}): RequestAccess {
  const { engine, logger, spendSince } = options;
  const masterOf = (limits: KeyLimits | undefined) =>
    limits === undefined || !hasLimits(limits) ? undefined : masterKeyWith(limits);
  let master = masterOf(options.masterKeyLimits);
  const now = options.now ?? Date.now;
  /** Keys and periods whose counters were seeded from the store in this process. */
  const seeded = new Set<string>();

  /** Once per key and period: counters start from what the store says was spent (a restart, a new Redis). */
  async function seedFromStore(request: AdmitRequest): Promise<void> {
    const ticket = ticketFor(request, engine);
    const mark = `${request.subject}|${ticket.budget?.id ?? ""}|${ticket.premium?.id ?? ""}`;
    if (spendSince === undefined || seeded.has(mark)) return;
    seeded.add(mark);
    if (seeded.size > 100_000) seeded.clear();
    try {
      const usd = ticket.budget === undefined ? 0 : (await spendSince(request.subject, ticket.budget.startsAt)).usd;
      const premium =
        ticket.premium === undefined ? 0 : (await spendSince(request.subject, ticket.premium.startsAt)).premium;
      await engine.seed(ticket, { usd, premium });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ err: reason, keyId: request.subject }, "could not read a key's spend from the store");
    }
  }

  async function admitLimited(request: AccessRequest, key: VirtualKey): Promise<AccessGrant> {
    const { model } = request;
    // A tool call (no model) costs nothing: it counts toward the rate and parallel limits only.
    const reservePremium =
      key.limits.premiumRequests !== undefined && request.initiator === "user" && model !== undefined
        ? ((await request.premiumPerUserTurn?.()) ?? 1)
        : 0;
    const reserveUsd =
      key.limits.budget === undefined || model === undefined
        ? 0
        : estimateReservation(model, request.bodyBytes, request.maxOutputTokens);
    const admitRequest: AdmitRequest = {
      subject: key.id,
      requestId: request.requestId,
      limits: key.limits,
      reserveUsd,
      reservePremium,
      now: now(),
    };
    if (key.limits.budget !== undefined || key.limits.premiumRequests !== undefined) await seedFromStore(admitRequest);
    const admission = await engine.admit(admitRequest);
    if (!admission.ok) throw limitRefusal({ key, ...admission });
    const ticket: Ticket = admission.ticket;
    let settled = false;
    return {
      settle(outcome) {
        if (settled) return;
        settled = true;
        const usage = outcome.usage;
        const actual = {
          tokens: usage === undefined ? 0 : usage.inputTokens + usage.outputTokens,
          usd: outcome.costUsd ?? estimateCost(outcome.upstreamModel ?? model ?? "", usage),
          // What the store counts: Copilot's own cost report (user-initiated × multiplier), else none.
          premium: outcome.premiumSpent ?? 0,
        };
        engine
          .settle(ticket, actual)
          .catch((error: unknown) =>
            logger.warn(
              { err: error instanceof Error ? error.message : String(error), keyId: key.id },
              "limit settle failed",
            ),
          );
      },
    };
  }

  return {
    admit(request) {
      const principal: Principal | undefined = request.principal;
      if (principal?.kind === "master") return master === undefined ? undefined : admitLimited(request, master);
      if (principal === undefined || principal.kind !== "key") return undefined;
      const { key } = principal;
      const { model } = request;
      if (key.models !== undefined && model !== undefined && !key.models.includes(model))
        throw modelNotAllowed(key, model);
      if (!hasLimits(key.limits)) return undefined;
      return admitLimited(request, key);
    },
    setMasterKeyLimits(limits) {
      master = masterOf(limits);
    },
  };
}
