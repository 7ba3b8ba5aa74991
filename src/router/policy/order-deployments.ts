import type { DeploymentHealth } from "./deployment-health.js";

/** How the deployments of one model share the load. */
export type Strategy = "weighted" | "least-busy" | "latency";

export interface Deployment {
  /** Unique key: `provider/model`. */
  key: string;
  provider: string;
  model: string;
  weight: number;
  /** Known context window, for context-window fallbacks. */
  contextWindow?: number;
}

/** Weighted random order without replacement (Efraimidis–Spirakis keys). */
function weightedShuffle(deployments: Deployment[], random: () => number): Deployment[] {
  return deployments
    .map((deployment) => ({ deployment, key: random() ** (1 / Math.max(deployment.weight, 1e-6)) }))
    .sort((left, right) => right.key - left.key)
    .map((entry) => entry.deployment);
}

/**
 * Orders deployments for one request: a deployment due for its probe first (one request tests
 * whether it has recovered; the others follow it if it fails), then healthy ones by the
 * strategy. Cooled-down ones come back separately, soonest cooldown end first, so that a request
 * still has somewhere to go when everything is cooling down.
 */
export function orderDeployments(options: {
  deployments: Deployment[];
  strategy: Strategy;
  health: DeploymentHealth;
  random?: () => number;
}): { preferred: Deployment[]; cooling: Deployment[] } {
  const { health } = options;
  if (options.deployments.length === 1) {
    // Most routes have one deployment: nothing to order, only where it goes (a probe goes first too).
    const only = options.deployments[0] as Deployment;
    return health.availability(only.key) === "cooling"
      ? { preferred: [], cooling: [only] }
      : { preferred: [only], cooling: [] };
  }
  const random = options.random ?? Math.random;
  const available = options.deployments.filter((deployment) => health.availability(deployment.key) === "available");
  const probes = options.deployments.filter((deployment) => health.availability(deployment.key) === "probe");
  const cooling = options.deployments
    .filter((deployment) => health.availability(deployment.key) === "cooling")
    .sort((left, right) => health.cooldownEnds(left.key) - health.cooldownEnds(right.key));
  const shuffled = weightedShuffle(available, random);
  let ordered: Deployment[];
  switch (options.strategy) {
    case "least-busy":
      ordered = shuffled.sort((left, right) => health.inFlight(left.key) - health.inFlight(right.key));
      break;
    case "latency":
      // Unmeasured deployments go first so that each gets measured; ties keep the shuffle.
      ordered = shuffled.sort(
        (left, right) => (health.latencyMs(left.key) ?? -1) - (health.latencyMs(right.key) ?? -1),
      );
      break;
    default:
      ordered = shuffled;
  }
  return { preferred: [...probes, ...ordered], cooling };
}
