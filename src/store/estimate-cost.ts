import type { Usage } from "../ir/usage.js";
import { defaultPrices, type ModelPrice } from "./price-table.js";

function normalise(model: string): string {
  const name = model.toLowerCase();
  const slash = name.lastIndexOf("/");
  return (slash >= 0 ? name.slice(slash + 1) : name).replaceAll(".", "-");
}

/** A price lookup over the default table with the config's entries on top. */
export function createPriceLookup(
  overrides: Record<string, ModelPrice> = {},
): (model: string) => ModelPrice | undefined {
  const table = new Map<string, ModelPrice>();
  for (const [name, price] of Object.entries(defaultPrices)) table.set(normalise(name), price);
  // The config's exact names win over any default key.
  const exact = new Map(Object.entries(overrides).map(([name, price]) => [name.toLowerCase(), price]));
  for (const [name, price] of Object.entries(overrides)) table.set(normalise(name), price);
  const keys = [...table.keys()].sort((a, b) => b.length - a.length);
  const cache = new Map<string, ModelPrice | undefined>();
  return (model) => {
    const direct = exact.get(model.toLowerCase());
    if (direct !== undefined) return direct;
    if (cache.has(model)) return cache.get(model);
    const name = normalise(model);
    const key = keys.find((candidate) => name === candidate || name.startsWith(`${candidate}-`));
    const price = key === undefined ? undefined : table.get(key);
    if (cache.size < 1000) cache.set(model, price);
    return price;
  };
}

/** Dollars for one request's tokens (input counts cached tokens, as the IR's `Usage` does). */
export function estimateCost(price: ModelPrice, usage: Usage): number {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const fresh = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const dollars =
    fresh * price.input +
    cacheRead * (price.cacheRead ?? price.input) +
    cacheWrite * (price.cacheWrite ?? price.input) +
    usage.outputTokens * price.output;
  return dollars / 1_000_000;
}
