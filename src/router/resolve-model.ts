import { GatewayError } from "../errors/gateway-error.js";
import type { ModelInfo, Provider } from "../providers/provider.js";
import type { RouteTarget } from "./route-target.js";

export interface RoutingTable {
  /** Alias → ordered target names (`provider/model` or bare names), from the config's `models`. */
  aliases: Record<string, string[]>;
  /** Providers by id, in config order (the order bare names are looked up in). */
  providers: Map<string, Provider>;
}

/** The alias that catches every name nothing else routes. */
export const catchAllAlias = "*";

/** The `model_not_found` error for a name nothing routes, listing what is routable. */
export function modelNotFound(name: string, table: RoutingTable): GatewayError {
  return new GatewayError("model_not_found", modelNotFoundMessage(name, table), { param: "model" });
}

/** A model the provider did not list, as its own `modelAsNamed` or its type's usual API would reach it. */
export function modelAsNamed(provider: Provider, id: string): ModelInfo {
  if (provider.modelAsNamed !== undefined) return provider.modelAsNamed(id);
  if (provider.type === "anthropic") return { id, apis: ["anthropic-messages"] };
  if (provider.type === "openai") return { id, apis: ["openai-responses", "openai-chat"] };
  return { id, apis: ["openai-chat"] };
}

/**
 * A target named with its provider: the provider's list only helps (spellings, context window,
 * APIs). A name the list lacks, or a list that cannot be had (no `GET /models`, a down listing),
 * never refuses it: the model is sent as written and the upstream decides whether it exists.
 */
export async function resolveExplicitTarget(provider: Provider, id: string): Promise<RouteTarget> {
  try {
    const model = await provider.resolveModel(id);
    if (model !== undefined) return { provider, model };
  } catch {
    // The listing failed; the request names its target, so discovery has nothing to decide.
  }
  return { provider, model: modelAsNamed(provider, id) };
}

/**
 * `provider/model` or a bare name → one target, or undefined. A name whose prefix is a configured
 * provider is explicit and always resolves (`resolveExplicitTarget`). A bare name is asked of every
 * provider in turn; one whose model list cannot be had (its upstream is down) is passed over, so
 * it cannot take the others' models down with it. Its error is thrown only when no one knows the name.
 */
export async function resolveTargetName(name: string, table: RoutingTable): Promise<RouteTarget | undefined> {
  const slash = name.indexOf("/");
  if (slash > 0) {
    const provider = table.providers.get(name.slice(0, slash));
    if (provider !== undefined) return resolveExplicitTarget(provider, name.slice(slash + 1));
  }
  let firstFailure: { error: unknown } | undefined;
  for (const provider of table.providers.values()) {
    try {
      const model = await provider.resolveModel(name);
      if (model !== undefined) return { provider, model };
    } catch (error) {
      firstFailure ??= { error };
    }
  }
  if (firstFailure !== undefined) throw firstFailure.error;
  return undefined;
}

function modelNotFoundMessage(name: string, table: RoutingTable): string {
  if (table.providers.size === 0) {
    return `No provider is configured, so the model "${name}" cannot be served. Add a provider to switchboard.yaml or set OPENAI_API_KEY / ANTHROPIC_API_KEY.`;
  }
  const aliases = Object.keys(table.aliases);
  const parts = [`The model "${name}" is not routable.`];
  if (aliases.length > 0) parts.push(`Aliases: ${aliases.join(", ")}.`);
  parts.push(
    `Or name a provider's model as provider/model with provider one of: ${[...table.providers.keys()].join(", ")} (GET /v1/models lists them).`,
  );
  return parts.join(" ");
}
