import type { ModelInfo } from "../provider.js";
import { RefreshingValue } from "../refreshing-value.js";
import { isUsableChatModel, mapCopilotModel, modelEntries } from "./map-copilot-model.js";

export interface ModelCatalogOptions {
  /** Fetches the raw `/models` document with a valid token. */
  fetchModels: () => Promise<unknown>;
  /** How long a fetched list is reused, in milliseconds. */
  maxAgeMs?: number;
  now?: () => number;
  /** Told when a refetch behind a stale list fails (the stale list keeps serving). */
  onRefreshError?: (error: unknown) => void;
}

function usableModels(document: unknown): ModelInfo[] {
  return modelEntries(document)
    .filter(isUsableChatModel)
    .map(mapCopilotModel)
    .filter((model): model is ModelInfo => model !== undefined);
}

/**
 * The account's models, fetched on first use and again after `maxAgeMs` (the list changes when
 * GitHub adds models or an admin changes policy), refreshed beside requests (`RefreshingValue`).
 */
export class ModelCatalog {
  private readonly models: RefreshingValue<ModelInfo[]>;

  constructor(options: ModelCatalogOptions) {
    this.models = new RefreshingValue({
      fetch: async () => usableModels(await options.fetchModels()),
      maxAgeMs: options.maxAgeMs ?? 10 * 60_000,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.onRefreshError === undefined ? {} : { onRefreshError: options.onRefreshError }),
    });
  }

  list(): Promise<ModelInfo[]> {
    return this.models.get();
  }

  /** The list if one was fetched already, without waiting (for response headers). */
  cached(): ModelInfo[] | undefined {
    return this.models.cached();
  }
}
