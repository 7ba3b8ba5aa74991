import type { PlanCache } from "../../router/plan-cache.js";
import type { ResolvedRoute } from "../../router/plan-route.js";

/**
 * The Copilot premium requests a user's turn on this route may spend: the largest multiplier among
 * its Copilot deployments (1 where Copilot's `/models` gives none), and none when no deployment is
 * Copilot's. A key's premium allowance reserves this much, so a key that used its allowance up
 * still reaches free models (multiplier 0) and other upstreams.
 */
export function premiumPerUserTurn(route: ResolvedRoute): number {
  let most = 0;
  for (const target of route.targets.values()) {
    if (target.provider.type !== "github-copilot") continue;
    most = Math.max(most, target.model.billing?.multiplier ?? 1);
  }
  return most;
}

/** The same for a model name, through the plan cache; a name that plans to nothing spends nothing (it fails later, unsent). */
export async function premiumPerUserTurnOf(plans: PlanCache, model: string): Promise<number> {
  try {
    return premiumPerUserTurn(plans.cached(model) ?? (await plans.plan(model)));
  } catch {
    return 0;
  }
}
