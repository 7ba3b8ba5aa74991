import { isGatewayError } from "../../errors/index.js";
import type { ModelInfo } from "../provider.js";
import { RefreshingValue } from "../refreshing-value.js";

export interface ModelCatalogOptions {
  /** The config's `models:` list; when present, nothing is discovered. */
  configured: ModelInfo[] | undefined;
  /** Asks the upstream for its models (`GET /models`). */
  discover: () => Promise<ModelInfo[]>;
  /** The config's `aliases:` map, alias → model id. */
  aliases: Record<string, string>;
  /** Apis for an alias target the upstream did not list. */
  defaultApis: ModelInfo["apis"];
  /** How long a discovered list is reused. */
  cacheMs?: number;
  now?: () => number;
  /** Told when a rediscovery behind a stale list fails (the stale list keeps serving). */
  onRefreshError?: (error: unknown) => void;
}

export interface ModelCatalog {
  list(): Promise<ModelInfo[]>;
  resolve(name: string): Promise<ModelInfo | undefined>;
  clear(): void;
  /**
   * Asks the upstream for its models even when the config lists them (`switchboard doctor`: the
   * key is checked). A server without `GET /models` (404, 405) was still reached: that passes.
   */
  verify(): Promise<void>;
}

/** `claude-sonnet-4.5` and `claude-sonnet-4-5` name the same model: dots between digits become dashes. */
function canonicalSpelling(name: string): string {
  return name.toLowerCase().replace(/(\d)\.(\d)/g, "$1-$2");
}

function findByName(models: ModelInfo[], name: string): ModelInfo | undefined {
  const exact = models.find((model) => model.id === name);
  if (exact !== undefined) return exact;
  const wanted = canonicalSpelling(name);
  const byId = models.find((model) => canonicalSpelling(model.id) === wanted);
  if (byId !== undefined) return byId;
  const byAlias = models.find((model) => model.aliases?.some((alias) => canonicalSpelling(alias) === wanted));
  if (byAlias !== undefined) return byAlias;
  // An undated name (`claude-sonnet-4-5`) reaches the newest dated id (`claude-sonnet-4-5-20250929`).
  const dated = models
    .filter((model) => {
      const id = canonicalSpelling(model.id);
      return id.startsWith(`${wanted}-`) && /^\d{8}$/.test(id.slice(wanted.length + 1));
    })
    .sort((left, right) => right.id.localeCompare(left.id));
  return dated[0];
}

/**
 * The models a provider offers, from the config or discovered (and refreshed beside requests,
 * `RefreshingValue`), and how a client's name finds one: exact id, then case and spelling, then
 * aliases, then dated ids.
 */
export function createModelCatalog(options: ModelCatalogOptions): ModelCatalog {
  const discovered = new RefreshingValue({
    fetch: options.discover,
    maxAgeMs: options.cacheMs ?? 10 * 60 * 1000,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.onRefreshError === undefined ? {} : { onRefreshError: options.onRefreshError }),
  });

  function list(): Promise<ModelInfo[]> {
    if (options.configured !== undefined) return Promise.resolve(options.configured);
    return discovered.get();
  }

  async function resolve(name: string): Promise<ModelInfo | undefined> {
    const models = await list();
    const found = findByName(models, name);
    if (found !== undefined) return found;
    const aliasKey = Object.keys(options.aliases).find((alias) => canonicalSpelling(alias) === canonicalSpelling(name));
    if (aliasKey !== undefined) {
      const target = options.aliases[aliasKey] as string;
      return findByName(models, target) ?? { id: target, apis: [...options.defaultApis] };
    }
    // A vendor prefix (`openai/gpt-5`) that is not part of any id here.
    const slash = name.lastIndexOf("/");
    return slash > 0 ? findByName(models, name.slice(slash + 1)) : undefined;
  }

  async function verify(): Promise<void> {
    if (options.configured === undefined) {
      await discovered.get();
      return;
    }
    try {
      await options.discover();
    } catch (error) {
      const status = isGatewayError(error) ? error.upstream?.status : undefined;
      if (status === 404 || status === 405) return;
      throw error;
    }
  }

  return {
    list,
    resolve,
    clear() {
      discovered.clear();
    },
    verify,
  };
}
