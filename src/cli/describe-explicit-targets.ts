import { targetsOfRoute } from "../config/check-route-targets.js";
import type { RouteConfig } from "../config/schema.js";
import type { Provider } from "../providers/provider.js";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether some provider lists `name` (a prefix that is no provider id is then part of a model id). */
async function anyProviderLists(name: string, providers: Map<string, Provider>): Promise<boolean> {
  for (const provider of providers.values()) {
    const found = await provider.resolveModel(name).catch(() => undefined);
    if (found !== undefined) return true;
  }
  return false;
}

/** A target whose prefix names no provider (a near miss of one is refused when the config loads). */
async function unknownPrefixWarning(alias: string, target: string, providers: Map<string, Provider>) {
  if (await anyProviderLists(target, providers)) return undefined;
  const prefix = target.slice(0, target.indexOf("/"));
  return `models.${alias}: no provider is named "${prefix}" and none lists the model "${target}"; requests for it find no provider until one does.`;
}

/**
 * Start-up warnings for explicit targets (`provider/model`) that the provider's model list lacks,
 * or whose list cannot be read, and for `prefix/model` targets whose prefix is no provider and
 * that no provider lists. They are warnings, never errors: such a target is sent as written
 * and its upstream decides whether the model exists (servers without `GET /models` are common).
 */
export async function describeExplicitTargets(options: {
  routes: Record<string, RouteConfig>;
  providers: Map<string, Provider>;
}): Promise<string[]> {
  const seen = new Set<string>();
  const checks: Array<Promise<string | undefined>> = [];
  for (const [alias, route] of Object.entries(options.routes)) {
    for (const target of targetsOfRoute(route)) {
      const slash = target.indexOf("/");
      const provider = slash > 0 ? options.providers.get(target.slice(0, slash)) : undefined;
      const model = target.slice(slash + 1);
      if (slash <= 0 || model === "*" || seen.has(target) || options.routes[target] !== undefined) continue;
      seen.add(target);
      if (provider === undefined) {
        checks.push(unknownPrefixWarning(alias, target, options.providers));
        continue;
      }
      checks.push(
        provider.resolveModel(model).then(
          (found) =>
            found === undefined
              ? `models.${alias}: "${provider.id}" does not list the model "${model}"; ${target} is sent as written and ${provider.id} decides whether it exists.`
              : undefined,
          (error: unknown) =>
            `models.${alias}: the model list of "${provider.id}" could not be read (${messageOf(error)}); ${target} is sent as written.`,
        ),
      );
    }
  }
  const lines = await Promise.all(checks);
  return lines.filter((line): line is string => line !== undefined);
}
