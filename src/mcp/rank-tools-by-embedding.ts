import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { Principal } from "../keys/key-authenticator.js";
import type { Logger } from "../lib/logger.js";
import { nameWords, searchTools } from "./tool-search.js";

/** One embeddings request on the caller's behalf: one vector per input, in order. */
export interface ToolEmbeddingsRequest {
  model: string;
  input: string[];
  /** The caller's model-API principal: the request is admitted, limited and recorded under its key. */
  principal: Principal | undefined;
  signal: AbortSignal;
}

/** How the MCP gateway gets embeddings; the server wires it to the gateway's `/v1/embeddings` path. */
export type ToolEmbedder = (request: ToolEmbeddingsRequest) => Promise<number[][]>;

export interface ToolSearchQuery {
  tools: Tool[];
  query: string;
  limit: number;
  principal: Principal | undefined;
  signal: AbortSignal;
}

/** Ranks the tools for one `search_tools` call, best first. */
export type ToolRanker = (search: ToolSearchQuery) => Promise<Tool[]>;

/** BM25 only: no embeddings model configured. */
export const rankToolsByBm25: ToolRanker = async ({ tools, query, limit }) => searchTools(tools, query, limit);

/** The text a tool is embedded from: its name as words, then its description. */
export function toolText(tool: Tool): string {
  return `${nameWords(tool.name)}: ${tool.description ?? ""}`;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

export interface EmbeddingRankerOptions {
  model: string;
  embed: ToolEmbedder;
  logger: Logger;
  /** Tool vectors kept, least recently used dropped first. Default 2,048 (12 MB at 1,536 float32 dimensions). */
  maxCachedTools?: number;
}

/**
 * `search_tools` by embeddings: the query and every tool not yet seen go in one embeddings
 * request (one usage row per search), and tools are ranked by cosine similarity to the query.
 * Tool vectors are kept by name and description, so a tool is embedded again only when it
 * changes. Any failure of the embeddings request (refused, upstream down, a malformed answer)
 * falls back to BM25 for that search, with one warning in the log, never an error to the client.
 */
export function createEmbeddingRanker(options: EmbeddingRankerOptions): ToolRanker {
  const maxCached = options.maxCachedTools ?? 2048;
  // Insertion order is age: a use moves an entry to the end, the first entry is the one dropped.
  const cache = new Map<string, Float32Array>();
  let warned = false;

  const remember = (key: string, vector: Float32Array): void => {
    cache.delete(key);
    cache.set(key, vector);
    while (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
  };

  return async (search) => {
    const keys = search.tools.map((tool) => `${tool.name}\u0000${tool.description ?? ""}`);
    const missing = [...new Set(keys.filter((key) => !cache.has(key)))];
    const textOf = new Map(search.tools.map((tool, index) => [keys[index] as string, toolText(tool)]));
    // This search's vectors, whatever the cache keeps afterwards.
    const vectorOf = new Map<string, Float32Array>();
    for (const key of keys) {
      const cached = cache.get(key);
      if (cached !== undefined) vectorOf.set(key, cached);
    }
    let queryVector: number[];
    try {
      const input = [search.query, ...missing.map((key) => textOf.get(key) as string)];
      const vectors = await options.embed({
        model: options.model,
        input,
        principal: search.principal,
        signal: search.signal,
      });
      if (vectors.length !== input.length || vectors.some((vector) => vector.length === 0))
        throw new Error(`the embeddings answer has ${vectors.length} vectors for ${input.length} inputs`);
      queryVector = vectors[0] as number[];
      missing.forEach((key, index) => vectorOf.set(key, Float32Array.from(vectors[index + 1] as number[])));
    } catch (error) {
      if (!warned) {
        warned = true;
        options.logger.warn(
          { err: error, model: options.model },
          "search_tools: embeddings failed, ranking by BM25 instead (logged once)",
        );
      }
      return searchTools(search.tools, search.query, search.limit);
    }
    for (const [key, vector] of vectorOf) remember(key, vector);
    const scored = search.tools.map((tool, index) => ({
      tool,
      score: cosine(queryVector, vectorOf.get(keys[index] as string) as Float32Array),
    }));
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, search.limit).map((entry) => entry.tool);
  };
}
