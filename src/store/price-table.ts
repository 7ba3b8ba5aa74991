/**
 * List prices in US dollars per million tokens, as the vendors publish them (December 2026).
 * Data, not logic: `store.prices` in the config adds models or overrides these. A model is matched
 * by the longest key that starts its name (after the provider prefix; dots read as dashes), so a
 * dated name (`claude-sonnet-4-5-20250929`) and Copilot's dotted one (`claude-sonnet-4.5`) both match.
 * `cacheRead`/`cacheWrite` default to the input price.
 */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export const defaultPrices: Record<string, ModelPrice> = {
  "claude-opus-4": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  "claude-opus-4-1": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  "claude-opus-4-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-6": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-7": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-8": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-sonnet-4": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-3-7-sonnet": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-haiku-4": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  "claude-3-5-haiku": { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  "gpt-5": { input: 1.25, output: 10, cacheRead: 0.125 },
  "gpt-5-mini": { input: 0.25, output: 2, cacheRead: 0.025 },
  "gpt-5-nano": { input: 0.05, output: 0.4, cacheRead: 0.005 },
  "gpt-5-1": { input: 1.25, output: 10, cacheRead: 0.125 },
  "gpt-5-2": { input: 1.75, output: 14, cacheRead: 0.175 },
  "gpt-4-1": { input: 2, output: 8, cacheRead: 0.5 },
  "gpt-4-1-mini": { input: 0.4, output: 1.6, cacheRead: 0.1 },
  "gpt-4-1-nano": { input: 0.1, output: 0.4, cacheRead: 0.025 },
  "gpt-4o": { input: 2.5, output: 10, cacheRead: 1.25 },
  "gpt-4o-mini": { input: 0.15, output: 0.6, cacheRead: 0.075 },
  o3: { input: 2, output: 8, cacheRead: 0.5 },
  "o4-mini": { input: 1.1, output: 4.4, cacheRead: 0.275 },
  "gemini-2-5-pro": { input: 1.25, output: 10, cacheRead: 0.31 },
  "gemini-2-5-flash": { input: 0.3, output: 2.5, cacheRead: 0.075 },
  // Embeddings: input tokens only.
  "text-embedding-3-small": { input: 0.02, output: 0 },
  "text-embedding-3-large": { input: 0.13, output: 0 },
  "text-embedding-ada-002": { input: 0.1, output: 0 },
};
