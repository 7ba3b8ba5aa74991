import { GatewayError } from "../errors/gateway-error.js";
import type { Provider } from "../providers/provider.js";
import type { RouteTarget } from "./route-target.js";

export interface RoutingTable {
  /** Alias → ordered target names (`provider/model` or bare names), from the config's `models`. */
  aliases: Record<string, string[]>;
  /** Providers by id, in config order (the order bare names are looked up in). */
  providers: Map<string, Provider>;
}

/** The alias that catches every name nothing else routes. */
export const catchAllAlias = "*";

/**
 * A client's model name → the ordered targets that can serve it:
 * 1. an exact alias from `models`;
 * 2. `provider/model`, when the part before the first `/` is a provider id;
 * 3. the first provider whose `resolveModel` knows the bare name;
 * 4. the `"*"` alias.
 * Throws `model_not_found`, listing what is routable, when none applies.
 */
export async function resolveModel(name: string, table: RoutingTable): Promise<RouteTarget[]> {
  const alias = table.aliases[name];
  if (alias !== undefined && name !== catchAllAlias) return resolveAlias(name, alias, table);
  const direct = await resolveTargetName(name, table);
  if (direct !== undefined) return [direct];
  const catchAll = table.aliases[catchAllAlias];
  if (catchAll !== undefined) return resolveAlias(catchAllAlias, catchAll, table);
  throw modelNotFound(name, table);
}

/** The `model_not_found` error for a name nothing routes, listing what is routable. */
export function modelNotFound(name: string, table: RoutingTable): GatewayError {
  return new GatewayError("model_not_found", modelNotFoundMessage(name, table), { param: "model" });
}

async function resolveAlias(alias: string, targets: string[], table: RoutingTable): Promise<RouteTarget[]> {
  const resolved: RouteTarget[] = [];
  const missing: string[] = [];
  for (const targetName of targets) {
    const target = await resolveTargetName(targetName, table);
    if (target === undefined) missing.push(targetName);
    else resolved.push(target);
  }
  if (resolved.length === 0) {
    throw new GatewayError(
      "model_not_found",
      `The model alias "${alias}" points at ${missing.map((target) => `"${target}"`).join(", ")}, which no configured provider offers.`,
      {
        param: "model",
      },
    );
  }
  return resolved;
}

/** `provider/model` or a bare name → one target, or undefined. */
export async function resolveTargetName(name: string, table: RoutingTable): Promise<RouteTarget | undefined> {
  const slash = name.indexOf("/");
  if (slash > 0) {
    const provider = table.providers.get(name.slice(0, slash));
    if (provider !== undefined) {
      const model = await provider.resolveModel(name.slice(slash + 1));
      if (model !== undefined) return { provider, model };
    }
  }
  for (const provider of table.providers.values()) {
    const model = await provider.resolveModel(name);
    if (model !== undefined) return { provider, model };
  }
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
