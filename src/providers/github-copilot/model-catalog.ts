import type { ModelInfo } from "../provider.js";
import { isUsableChatModel, mapCopilotModel, modelEntries } from "./map-copilot-model.js";

export interface ModelCatalogOptions {
  /** Fetches the raw `/models` document with a valid token. */
  fetchModels: () => Promise<unknown>;
  /** How long a fetched list is reused, in milliseconds. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The account's models, fetched on first use and again after `maxAgeMs` (the list changes when
 * GitHub adds models or an admin changes policy). One fetch at a time; when a refetch fails the
 * older list keeps serving and the error is thrown only when there is no list at all.
 */
export class ModelCatalog {
  private models: ModelInfo[] | undefined;
  private fetchedAt = 0;
  private inflight: Promise<ModelInfo[]> | undefined;
  private readonly options: Required<ModelCatalogOptions>;

  constructor(options: ModelCatalogOptions) {
    this.options = { maxAgeMs: 10 * 60_000, now: Date.now, ...options };
  }

  async list(): Promise<ModelInfo[]> {
    if (this.models !== undefined && this.options.now() - this.fetchedAt < this.options.maxAgeMs) return this.models;
    try {
      return await this.refetch();
    } catch (error) {
      if (this.models !== undefined) return this.models;
      throw error;
    }
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
