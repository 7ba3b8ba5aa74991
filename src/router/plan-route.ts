import type { DeploymentConfig, RouteConfig, RouterConfig } from "../config/schema.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { ErrorClass } from "./policy/error-class.js";
import type { Deployment } from "./policy/order-deployments.js";
import type { RoutePlan, TargetGroup } from "./policy/route-policy.js";
import {
  catchAllAlias,
  modelNotFound,
  resolveExplicitTarget,
  resolveTargetName,
  type RoutingTable,
} from "./resolve-model.js";
import type { RouteTarget } from "./route-target.js";

/** A deployment the plan may try: where it goes and the parameters it cannot take. */
export interface PlannedTarget extends RouteTarget {
  dropParams: string[];
  /** The route's `prompt_cache` (`off` when any route reaching this deployment turned it off). */
  promptCache?: "auto" | "off";
}

export interface ResolvedRoute {
  /** The route the name matched (`"*"` for the catch-all), or undefined for a direct `provider/model` name. */
  routeName?: string;
  plan: RoutePlan;
  /** Deployment key (`provider/model`) → its target. */
  targets: Map<string, PlannedTarget>;
}

export interface PolicyTable extends RoutingTable {
  routes: Record<string, RouteConfig>;
  router: RouterConfig;
}

/** The key that identifies one deployment in the health state. */
export function deploymentKey(target: RouteTarget): string {
  return `${target.provider.id}/${target.model.id}`;
}

/**
 * `provider/*` (LiteLLM's wildcard) means "the model the client asked for, on that provider".
 * The provider may not list it (an OpenAI-compatible server with no `models:`); it is then sent as asked.
 */
async function resolveDeploymentTarget(
  name: string,
  requested: string,
  table: RoutingTable,
): Promise<RouteTarget | undefined> {
  if (!name.endsWith("/*")) return resolveTargetName(name, table);
  const provider = table.providers.get(name.slice(0, -2));
  if (provider === undefined) return undefined;
  return resolveExplicitTarget(provider, requested);
}

/**
 * A client's model name → the plan the policy executor walks: the route's deployments as the first
 * group, each fallback as a further group, class-specific chains, and the route's policy. A name
 * with no route of its own (`provider/model`, a bare name a provider knows) is a one-deployment plan
 * with the global policy.
 */
export async function planRoute(requested: string, table: PolicyTable): Promise<ResolvedRoute> {
  const targets = new Map<string, PlannedTarget>();
  /** A group from deployments whose targets are resolved already. */
  const groupFrom = (
    name: string,
    route: RouteConfig | undefined,
    resolved: Array<{ target: RouteTarget; entry: DeploymentConfig }>,
  ): TargetGroup | undefined => {
    const deployments: Deployment[] = [];
    for (const { target, entry } of resolved) {
      const key = deploymentKey(target);
      const dropParams = [...(route?.dropParams ?? []), ...entry.dropParams];
      const promptCache = route?.promptCache ?? "auto";
      const known = targets.get(key);
      if (known === undefined) targets.set(key, { ...target, dropParams, promptCache });
      else {
        known.dropParams = [...new Set([...known.dropParams, ...dropParams])];
        if (promptCache === "off") known.promptCache = "off";
      }
      const deployment: Deployment = {
        key,
        provider: target.provider.id,
        model: target.model.id,
        weight: entry.weight,
      };
      if (target.model.contextWindow !== undefined) deployment.contextWindow = target.model.contextWindow;
      deployments.push(deployment);
    }
    if (deployments.length === 0) return undefined;
    return { name, deployments, strategy: route?.strategy ?? table.router.strategy };
  };
  const groupOf = async (name: string, route: RouteConfig | undefined): Promise<TargetGroup | undefined> => {
    const entries = route?.deployments ?? [{ target: name, weight: 1, dropParams: [] }];
    const resolved: Array<{ target: RouteTarget; entry: DeploymentConfig }> = [];
    for (const entry of entries) {
      const target = await resolveDeploymentTarget(entry.target, requested, table);
      if (target !== undefined) resolved.push({ target, entry });
    }
    return groupFrom(name, route, resolved);
  };
  const chainOf = async (names: string[]): Promise<TargetGroup[]> => {
    const groups: TargetGroup[] = [];
    for (const name of names) {
      // A fallback names another route (LiteLLM's model_name), or else a target.
      const group = await groupOf(name, name === catchAllAlias ? undefined : table.routes[name]);
      if (group !== undefined) groups.push(group);
    }
    return groups;
  };

  let routeName: string | undefined = requested !== catchAllAlias && table.routes[requested] ? requested : undefined;
  if (routeName === undefined) {
    const direct = await resolveTargetName(requested, table);
    if (direct !== undefined) {
      const entry: DeploymentConfig = { target: requested, weight: 1, dropParams: [] };
      const group = groupFrom(requested, undefined, [{ target: direct, entry }]) as TargetGroup;
      return { plan: { groups: [group], policy: policyOf(undefined, table.router) }, targets };
    }
    if (table.routes[catchAllAlias] === undefined) {
      const fallback = await defaultModelTarget(table);
      if (fallback === undefined) throw modelNotFound(requested, table);
      const entry: DeploymentConfig = {
        target: `${fallback.provider.id}/${fallback.model.id}`,
        weight: 1,
        dropParams: [],
      };
      const group = groupFrom(requested, undefined, [{ target: fallback, entry }]) as TargetGroup;
      return { plan: { groups: [group], policy: policyOf(undefined, table.router) }, targets };
    }
    routeName = catchAllAlias;
  }
  const route = table.routes[routeName] as RouteConfig;
  const primary = await groupOf(routeName, route);
  const groups = [...(primary === undefined ? [] : [primary]), ...(await chainOf(route.fallbacks))];
  if (groups.length === 0) {
    const names = [...route.deployments.map((entry) => entry.target), ...route.fallbacks];
    throw new GatewayError(
      "model_not_found",
      `The model alias "${routeName}" points at ${names.map((name) => `"${name}"`).join(", ")}, which no configured provider offers.`,
      { param: "model" },
    );
  }
  const classFallbacks: Partial<Record<ErrorClass, TargetGroup[]>> = {};
  if (route.contextWindowFallbacks !== undefined)
    classFallbacks.context_window = await chainOf(route.contextWindowFallbacks);
  if (route.contentPolicyFallbacks !== undefined)
    classFallbacks.content_policy = await chainOf(route.contentPolicyFallbacks);
  return { routeName, plan: { groups, classFallbacks, policy: policyOf(route, table.router) }, targets };
}

/**
 * With no `"*"` route, a name nothing routes goes to the first provider (in config order) that
 * names a default model — Copilot's `GITHUB_COPILOT_MODEL` / `default_model`, as the Copilot proxy
 * setups did — so a client's own model names still reach the account's chosen model.
 */
async function defaultModelTarget(table: PolicyTable): Promise<RouteTarget | undefined> {
  for (const provider of table.providers.values()) {
    if (provider.defaultModel === undefined) continue;
    const model = await provider.resolveModel(provider.defaultModel).catch(() => undefined);
    if (model !== undefined) return { provider, model };
  }
  return undefined;
}

/** A route's policy, the global settings filling what it leaves out. */
export function policyOf(route: RouteConfig | undefined, router: RouterConfig): RoutePlan["policy"] {
  return {
    fallbackOn: new Set(route?.fallbackOn ?? router.fallbackOn),
    retries: route?.retries ?? router.retries,
    deadlineMs: (route?.deadlineS ?? router.deadlineS) * 1000,
    maxRetryWaitMs: router.maxRetryWaitS * 1000,
  };
}
