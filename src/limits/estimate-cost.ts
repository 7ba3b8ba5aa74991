import type { Usage } from "../ir/usage.js";
import { createPriceLookup, estimateCost as storeCost } from "../store/estimate-cost.js";
import type { ModelPrice } from "../store/price-table.js";

/** The usage store's price table (list prices per million tokens), shared so a budget counts what the store shows. */
const priceOf = createPriceLookup();

/**
 * A model the table does not price is counted like a mid-range one ($3 in, $15 out per million),
 * so that a budget still holds for it; the store leaves such a row's cost empty.
 */
const unpriced: ModelPrice = { input: 3, output: 15 };

/** The estimated cost of an answer from its usage, when the usage record carries no cost. */
export function estimateCost(model: string, usage: Usage | undefined): number {
  if (usage === undefined) return 0;
  return storeCost(priceOf(model) ?? unpriced, usage);
}

/** The cost reserved before the call: the prompt's size (about 4 bytes a token) and a bounded answer. */
export function estimateReservation(model: string, bodyBytes: number, maxOutputTokens: number | undefined): number {
  const price = priceOf(model) ?? unpriced;
  const outputTokens = Math.min(maxOutputTokens ?? 4_096, 8_192);
  return ((bodyBytes / 4) * price.input + outputTokens * price.output) / 1_000_000;
}
