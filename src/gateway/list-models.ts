import type { Logger } from "../lib/logger.js";
import type { ModelInfo } from "../providers/provider.js";
import type { RoutingTable } from "../router/resolve-model.js";

export interface ListedModel {
  /** The name a client can send: an alias or `provider/model`. */
  id: string;
  /** The provider that serves it (`switchboard` for aliases). */
  ownedBy: string;
  info?: ModelInfo;
}

/** Told of a provider whose list failed, instead of the log. */
export type ListFailureHandler = (failure: { provider: string; error: unknown }) => void;

/** Every routable name: configured aliases, then each provider's models as `provider/model`. */
export async function listModels(
  table: RoutingTable,
  logger: Logger,
  onFailure?: ListFailureHandler,
): Promise<ListedModel[]> {
  const listed: ListedModel[] = Object.keys(table.aliases)
    .filter((alias) => alias !== "*")
    .map((alias) => ({ id: alias, ownedBy: "switchboard" }));
  const perProvider = await Promise.all(
    [...table.providers.values()].map(async (provider) => {
      try {
        const models = await provider.listModels();
        return models.map((info) => ({ id: `${provider.id}/${info.id}`, ownedBy: provider.id, info }));
      } catch (error) {
        // One unreachable provider must not hide the others' models.
        if (onFailure === undefined) logger.warn({ err: error, provider: provider.id }, "could not list models");
        else onFailure({ provider: provider.id, error });
        return [];
      }
    }),
  );
  return [...listed, ...perProvider.flat()];
}
