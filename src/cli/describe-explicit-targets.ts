import type { RouteConfig } from "../config/schema.js";
import type { Provider } from "../providers/provider.js";

/** Every target a route names: its deployments, then each of its fallback chains. */
function targetsOf(route: RouteConfig): string[] {
  return [
    ...route.deployments.map((deployment) => deployment.target),
    ...route.fallbacks,
    ...(route.contextWindowFallbacks ?? []),
    ...(route.contentPolicyFallbacks ?? []),
  ];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Start-up warnings for explicit targets (`provider/model`) that the provider's model list lacks,
 * or whose list cannot be read. They are warnings, never errors: such a target is sent as written
 * and its upstream decides whether the model exists (servers without `GET /models` are common).
 */
export async function describeExplicitTargets(options: {
  routes: Record<string, RouteConfig>;
  providers: Map<string, Provider>;
}): Promise<string[]> {
  const seen = new Set<string>();
  const checks: Array<Promise<string | undefined>> = [];
  for (const [alias, route] of Object.entries(options.routes)) {
    for (const target of targetsOf(route)) {
      const slash = target.indexOf("/");
      const provider = slash > 0 ? options.providers.get(target.slice(0, slash)) : undefined;
      const model = target.slice(slash + 1);
      if (provider === undefined || model === "*" || seen.has(target)) continue;
      seen.add(target);
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
