import type { RouteConfig } from "../config/schema.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { Provider } from "../providers/provider.js";
import { policyOf, type PolicyTable } from "../router/plan-route.js";
import type { Deployment } from "../router/policy/order-deployments.js";
import type { RoutePlan, TargetGroup } from "../router/policy/route-policy.js";

/** One place an embeddings request may go: a provider with embeddings, and its model id. */
export interface EmbeddingsTarget {
  provider: Provider & { embed: NonNullable<Provider["embed"]> };
  model: string;
}

/** The plan `runWithPolicy` walks, and the target behind each deployment key. */
export interface EmbeddingsPlan {
  routeName?: string;
  plan: RoutePlan;
  targets: Map<string, EmbeddingsTarget>;
}

function embeddingProviders(table: PolicyTable): Provider[] {
  return [...table.providers.values()].filter((provider) => provider.embed !== undefined);
}

function noEmbeddings(what: string, table: PolicyTable): GatewayError {
  const offering = embeddingProviders(table).map((provider) => `${provider.id} (${provider.type})`);
  const which =
    offering.length === 0
      ? "No configured provider offers embeddings: add an openai or OpenAI-compatible provider, or GitHub Copilot."
      : `Providers that do: ${offering.join(", ")}; name a model as provider/model.`;
  return new GatewayError("invalid_request", `${what} Embeddings are not offered there. ${which}`, { param: "model" });
}

/**
 * A target name → where it goes: `provider/model` names the provider (`provider/*` takes the
 * client's model name), a bare name goes to the first provider with embeddings. A named provider
 * without embeddings is an error the caller words (the one target, or a chain's).
 */
function targetOf(
  name: string,
  requested: string,
  table: PolicyTable,
): EmbeddingsTarget | { refused: Provider } | undefined {
  const slash = name.indexOf("/");
  const named = slash > 0 ? table.providers.get(name.slice(0, slash)) : undefined;
  const provider = named ?? embeddingProviders(table)[0];
  if (provider === undefined) return undefined;
  if (provider.embed === undefined) return { refused: provider };
  const model = named === undefined ? name : name.slice(slash + 1) === "*" ? requested : name.slice(slash + 1);
  return { provider: provider as EmbeddingsTarget["provider"], model };
}

/**
 * A client's model name → the embeddings plan: a route's deployments, then its fallbacks (another
 * route's deployments, or a target), under the route's policy; any other name is one target under
 * the global policy. Targets on providers without embeddings are left out of a chain; when
 * nothing is left, a 400 names the providers that have embeddings.
 */
export function planEmbeddings(requested: string, table: PolicyTable): EmbeddingsPlan {
  const targets = new Map<string, EmbeddingsTarget>();
  const route: RouteConfig | undefined = table.routes[requested];
  const strategy = route?.strategy ?? table.router.strategy;
  const groupOf = (name: string, entries: Array<{ target: string; weight: number }>): TargetGroup | undefined => {
    const deployments: Deployment[] = [];
    for (const entry of entries) {
      const target = targetOf(entry.target, requested, table);
      if (target === undefined || "refused" in target) continue;
      const key = `${target.provider.id}/${target.model}`;
      targets.set(key, target);
      deployments.push({ key, provider: target.provider.id, model: target.model, weight: entry.weight });
    }
    return deployments.length === 0 ? undefined : { name, deployments, strategy };
  };

  if (route === undefined) {
    const target = targetOf(requested, requested, table);
    if (target === undefined) throw noEmbeddings(`The model "${requested}" cannot be served.`, table);
    if ("refused" in target)
      throw noEmbeddings(`Provider "${target.refused.id}" (${target.refused.type}) has no embeddings endpoint.`, table);
    const group = groupOf(requested, [{ target: requested, weight: 1 }]) as TargetGroup;
    return { plan: { groups: [group], policy: policyOf(undefined, table.router) }, targets };
  }
  const groups: TargetGroup[] = [];
  const primary = groupOf(requested, route.deployments);
  if (primary !== undefined) groups.push(primary);
  for (const fallback of route.fallbacks) {
    const other = table.routes[fallback];
    const group = groupOf(fallback, other === undefined ? [{ target: fallback, weight: 1 }] : other.deployments);
    if (group !== undefined) groups.push(group);
  }
  if (groups.length === 0) {
    const names = [...route.deployments.map((entry) => entry.target), ...route.fallbacks];
    throw noEmbeddings(
      `The model alias "${requested}" points at ${names.map((name) => `"${name}"`).join(", ")}.`,
      table,
    );
  }
  return { routeName: requested, plan: { groups, policy: policyOf(route, table.router) }, targets };
}
