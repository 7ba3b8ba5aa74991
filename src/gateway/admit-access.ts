import type { AccessGrant, RequestAccess } from "../limits/request-access.js";
import type { UsageRecord } from "../store/usage-record.js";
import type { GatewayInput } from "./gateway-types.js";
import type { PlanCache } from "../router/plan-cache.js";
import { premiumPerUserTurnOf } from "./turn/premium-per-user-turn.js";
import type { RequestBody } from "./turn/request-body.js";

function maxOutputTokens(parsed: Record<string, unknown>): number | undefined {
  const value = parsed["max_tokens"] ?? parsed["max_output_tokens"] ?? parsed["max_completion_tokens"];
  return typeof value === "number" ? value : undefined;
}

/**
 * The key and limit check of one request (src/limits), after the body is read and before routing.
 * Notes the key on the usage record ("master" for the master key). Synchronous, and free, for
 * unlimited keys and the master key without an allowance.
 */
export function admitAccess(options: {
  access: RequestAccess | undefined;
  input: GatewayInput;
  body: RequestBody;
  record: UsageRecord;
  plans: PlanCache;
}): AccessGrant | undefined | Promise<AccessGrant | undefined> {
  const { access, input, body, record, plans } = options;
  const principal = input.principal;
  if (principal === undefined) return undefined;
  if (principal.kind === "key") record.keyId = principal.key.id;
  else if (principal.kind === "master") record.keyId = "master";
  if (access === undefined) return undefined;
  return access.admit({
    principal,
    model: record.requestedModel,
    requestId: record.requestId,
    initiator: record.initiator,
    bodyBytes: input.rawBody.length,
    maxOutputTokens: principal.kind === "open" ? undefined : maxOutputTokens(body.get()),
    premiumPerUserTurn: () => premiumPerUserTurnOf(plans, record.requestedModel),
  });
}
