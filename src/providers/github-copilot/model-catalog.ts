import type { ModelInfo } from "../provider.js";
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

/**
 * The account's models, fetched on first use and again after `maxAgeMs` (the list changes when
 * GitHub adds models or an admin changes policy). One fetch at a time. Only the first fetch is
 * waited for: later ones run beside the requests, which keep the older list meanwhile, so a slow
 * or failing `/models` never holds up a request once a list exists.
 */
export class ModelCatalog {
  private models: ModelInfo[] | undefined;
  private fetchedAt = 0;
  private inflight: Promise<ModelInfo[]> | undefined;
  private readonly options: Required<ModelCatalogOptions>;

  constructor(options: ModelCatalogOptions) {
    this.options = { maxAgeMs: 10 * 60_000, now: Date.now, onRefreshError: () => undefined, ...options };
  }

  async list(): Promise<ModelInfo[]> {
    if (this.models === undefined) return this.refetch();
    // Only the request that starts the refetch reports its failure.
    if (this.options.now() - this.fetchedAt >= this.options.maxAgeMs && this.inflight === undefined) {
      this.refetch().catch((error: unknown) => this.options.onRefreshError(error));
    }
    return this.models;
  }

  /** The list if one was fetched already, without waiting (for response headers). */
  cached(): ModelInfo[] | undefined {
    return this.models;
  }

  private refetch(): Promise<ModelInfo[]> {
    if (this.inflight !== undefined) return this.inflight;
    this.inflight = this.options
      .fetchModels()
      .then((document) => {
        const models = modelEntries(document)
          .filter(isUsableChatModel)
          .map(mapCopilotModel)
          .filter((model): model is ModelInfo => model !== undefined);
        this.models = models;
        this.fetchedAt = this.options.now();
        return models;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}
