import type { KnownRoutes } from "../../keys/unknown-key-models.js";
import { resolveTargetName, type RoutingTable } from "../../router/index.js";

/** What the running gateway routes now (read at each call: a config reload changes the table). */
export function knownRoutesOf(table: () => RoutingTable): KnownRoutes {
  return {
    get aliases() {
      return Object.keys(table().aliases);
    },
    get providers() {
      return [...table().providers.keys()];
    },
    servesBareName: async (name) => (await resolveTargetName(name, table())) !== undefined,
  };
}
