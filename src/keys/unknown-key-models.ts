/** The names a key's `models` can match: the config's aliases, and `provider/model` for its providers. */
export interface KnownRoutes {
  aliases: string[];
  providers: string[];
  /** Whether a bare model name (no alias, no provider prefix) is one some provider serves. */
  servesBareName: (name: string) => Promise<boolean>;
}

/**
 * The names of a key's `models` that nothing routes today. Not a refusal: the key is kept as
 * asked, since a route can come later with a config reload; but a typo must not go unsaid.
 */
export async function unknownKeyModels(names: string[] | undefined, routes: KnownRoutes): Promise<string[]> {
  // A catch-all alias routes every name.
  if (names === undefined || routes.aliases.includes("*")) return [];
  const unknown: string[] = [];
  for (const name of names) {
    if (routes.aliases.includes(name)) continue;
    const slash = name.indexOf("/");
    if (slash > 0 && routes.providers.includes(name.slice(0, slash))) continue;
    if (await routes.servesBareName(name).catch(() => false)) continue;
    unknown.push(name);
  }
  return unknown;
}

/** The warning for those names: which ones, and what does route. */
export function describeUnknownKeyModels(unknown: string[], routes: KnownRoutes): string {
  const aliases = routes.aliases.length === 0 ? "none" : routes.aliases.join(", ");
  const providers =
    routes.providers.length === 0 ? "" : `; or provider/model with provider one of: ${routes.providers.join(", ")}`;
  return `No route is named ${unknown.map((name) => `"${name}"`).join(", ")}, so the key cannot use ${unknown.length === 1 ? "it" : "them"} yet. Routes: ${aliases}${providers}. The key keeps the name${unknown.length === 1 ? "" : "s"}: a route added later (config reload) makes ${unknown.length === 1 ? "it" : "them"} usable.`;
}
