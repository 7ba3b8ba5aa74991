import type { Usage } from "../ir/usage.js";

/** US dollars per million tokens: input, output. List prices, for budgets (an estimate, not a bill). */
const prices: Array<[RegExp, number, number]> = [
  [/opus/i, 15, 75],
  [/haiku/i, 0.8, 4],
  [/sonnet|claude/i, 3, 15],
  [/gpt-5.*mini|gpt-4\.1-mini|gpt-4o-mini|o\d-mini/i, 0.25, 2],
  [/gpt-5.*nano|gpt-4\.1-nano/i, 0.05, 0.4],
  [/gpt-5|gpt-4\.1|o3|codex/i, 1.25, 10],
  [/gpt-4o/i, 2.5, 10],
  [/gemini.*flash/i, 0.3, 2.5],
  [/gemini/i, 1.25, 10],
];
/** A model not in the table is priced like a mid-range one, so a budget still counts it. */
const fallbackPrice: [number, number] = [3, 15];

function priceOf(model: string): [number, number] {
  for (const [pattern, input, output] of prices) if (pattern.test(model)) return [input, output];
  return fallbackPrice;
}

/** The estimated cost of an answer from its usage (cache reads at a tenth of the input price). */
export function estimateCost(model: string, usage: Usage | undefined): number {
  if (usage === undefined) return 0;
  const [input, output] = priceOf(model);
  const fresh = (usage.inputTokens ?? 0) - (usage.cacheReadTokens ?? 0);
  const cached = usage.cacheReadTokens ?? 0;
  return (Math.max(0, fresh) * input + cached * input * 0.1 + (usage.outputTokens ?? 0) * output) / 1_000_000;
}

/** The cost reserved before the call: the prompt's size (about 4 bytes a token) and a bounded answer. */
export function estimateReservation(model: string, bodyBytes: number, maxOutputTokens: number | undefined): number {
  const [input, output] = priceOf(model);
  const outputTokens = Math.min(maxOutputTokens ?? 4_096, 8_192);
  return ((bodyBytes / 4) * input + outputTokens * output) / 1_000_000;
}
