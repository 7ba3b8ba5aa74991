import { closestName } from "../lib/closest-name.js";
import { configErrorFromLines } from "./config-error.js";
import type { RouteConfig } from "./schema.js";

/** Every target a route names: its deployments, then each of its fallback chains. */
export function targetsOfRoute(route: RouteConfig): string[] {
  return [
    ...route.deployments.map((deployment) => deployment.target),
    ...route.fallbacks,
    ...(route.contextWindowFallbacks ?? []),
    ...(route.contentPolicyFallbacks ?? []),
  ];
}

/**
 * Refuses a route target whose `provider/` prefix is a near miss of a provider id (`locl/qwen3`
 * beside a provider `local`). A client's unknown prefix is a vendor prefix and is stripped, so such
 * a typo would quietly be served by whichever provider knows the model. A prefix far from every id
 * (`meta-llama/Llama-3-8B`, a model id with a slash) is left alone: it may be part of the name.
 */
export function checkRouteTargets(options: {
  routes: Record<string, RouteConfig>;
  providerIds: readonly string[];
  source: string;
}): void {
  const problems: string[] = [];
  for (const [alias, route] of Object.entries(options.routes)) {
    for (const target of new Set(targetsOfRoute(route))) {
      const slash = target.indexOf("/");
      // A fallback may name another route, whose name may hold a slash.
      if (slash <= 0 || options.routes[target] !== undefined) continue;
      const prefix = target.slice(0, slash);
      if (options.providerIds.includes(prefix)) continue;
      const meant = closestName(prefix, options.providerIds);
      if (meant === undefined) continue;
      problems.push(
        `models.${alias}: no provider is named "${prefix}"; did you mean ${meant}/${target.slice(slash + 1)}?`,
      );
    }
  }
  if (problems.length > 0) throw configErrorFromLines(options.source, problems);
}
