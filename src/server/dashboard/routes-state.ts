import { isGatewayError } from "../../errors/gateway-error.js";
import type { Gateway } from "../../gateway/gateway.js";
import type { ProviderSignInState } from "../../providers/provider.js";
import { planRoute } from "../../router/index.js";
import type { TargetGroup } from "../../router/policy/route-policy.js";

/** One deployment as the Routes page shows it: where it goes and how healthy it is now. */
export interface DeploymentState {
  key: string;
  provider: string;
  model: string;
  weight: number;
  availability: "available" | "cooling" | "probe";
  cooldown_ends_at: string | null;
  in_flight: number;
  latency_ms: number | null;
  last_error: { message: string; at: string } | null;
}

export interface RouteState {
  name: string;
  /** The route's chain: its deployments first, then each fallback. */
  chain: Array<{ name: string; strategy: string; deployments: DeploymentState[] }>;
  /** Why the route resolves to nothing now (no provider offers its targets). */
  problem: string | null;
}

export interface ProviderState {
  id: string;
  type: string;
  sign_in: ProviderSignInState | { kind: "unknown" };
}

export interface RoutesAndProviders {
  routes: RouteState[];
  providers: ProviderState[];
}

function deploymentStates(group: TargetGroup, gateway: Gateway): DeploymentState[] {
  const { health } = gateway;
  return group.deployments.map((deployment) => {
    const cooldownEnds = health.cooldownEnds(deployment.key);
    const lastError = health.lastError(deployment.key);
    return {
      key: deployment.key,
      provider: deployment.provider,
      model: deployment.model,
      weight: deployment.weight,
      availability: health.availability(deployment.key),
      cooldown_ends_at: cooldownEnds === 0 ? null : new Date(cooldownEnds).toISOString(),
      in_flight: health.inFlight(deployment.key),
      latency_ms: health.latencyMs(deployment.key) ?? null,
      last_error:
        lastError === undefined ? null : { message: lastError.message, at: new Date(lastError.at).toISOString() },
    };
  });
}

/** Resolves in time or gives up: a slow provider must not hold the page. */
function within<T>(promise: Promise<T>, milliseconds: number, late: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(late), milliseconds).unref())]);
}

async function routeState(name: string, gateway: Gateway): Promise<RouteState> {
  try {
    const resolved = await within(planRoute(name, gateway.table), 3_000, undefined);
    if (resolved === undefined) return { name, chain: [], problem: "The providers did not list their models in time." };
    return {
      name,
      chain: resolved.plan.groups.map((group) => ({
        name: group.name,
        strategy: group.strategy,
        deployments: deploymentStates(group, gateway),
      })),
      problem: null,
    };
  } catch (error) {
    return { name, chain: [], problem: isGatewayError(error) ? error.message : String(error) };
  }
}

/** The Routes and providers page's data: nothing secret (no tokens, no keys; only whether a key is there). */
export async function readRoutesAndProviders(gateway: Gateway): Promise<RoutesAndProviders> {
  const { table } = gateway;
  const routes = await Promise.all(Object.keys(table.routes).map((name) => routeState(name, gateway)));
  const providers = await Promise.all(
    [...table.providers.values()].map(async (provider): Promise<ProviderState> => {
      const unknown = { kind: "unknown" as const };
      const signIn =
        provider.signInState === undefined
          ? unknown
          : await within(
              provider.signInState().catch(() => unknown),
              3_000,
              unknown,
            );
      return { id: provider.id, type: provider.type, sign_in: signIn };
    }),
  );
  return { routes, providers };
}
