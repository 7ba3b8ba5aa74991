import { Writable } from "node:stream";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { createLogger } from "../lib/logger.js";
import { createEmbeddingRanker, toolText, type ToolEmbeddingsRequest } from "./rank-tools-by-embedding.js";
import { searchTools } from "./tool-search.js";

const tool = (name: string, description: string): Tool => ({ name, description, inputSchema: { type: "object" } });

const tools = [
  tool("memory__read_graph", "Read the entire knowledge graph"),
  tool("filesystem__write_file", "Create a new file or overwrite an existing file"),
  tool("tracker__createIssue", "Open an issue in the team's tracker"),
];

/** Each text gets the vector the test gives it; every request is recorded. */
function fakeEmbedder(vectors: Map<string, number[]>, fail = false) {
  const requests: ToolEmbeddingsRequest[] = [];
  const embed = async (request: ToolEmbeddingsRequest): Promise<number[][]> => {
    requests.push(request);
    if (fail) throw new Error("upstream down");
    return request.input.map((text) => vectors.get(text) ?? [0, 0, 0]);
  };
  return { embed, requests };
}

function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: "warn", destination }), lines };
}

const toolVectors = new Map<string, number[]>([
  [toolText(tools[0] as Tool), [1, 0, 0]],
  [toolText(tools[1] as Tool), [0, 1, 0]],
  [toolText(tools[2] as Tool), [0, 0, 1]],
]);
const search = (query: string, limit = 8) => ({
  tools,
  query,
  limit,
  principal: { kind: "master" as const },
  signal: new AbortController().signal,
});
const names = (found: Tool[]) => found.map((entry) => entry.name);

describe("search_tools ranked by embeddings", () => {
  it("orders by cosine similarity to the query's vector, and honours the limit", async () => {
    const vectors = new Map([...toolVectors, ["report a bug", [0.1, 0.3, 0.9]], ["save some text", [0.2, 0.9, 0.1]]]);
    const { embed, requests } = fakeEmbedder(vectors);
    const rank = createEmbeddingRanker({ model: "embedder", embed, logger: capturedLogger().logger });
    expect(names(await rank(search("report a bug")))).toEqual([
      "tracker__createIssue",
      "filesystem__write_file",
      "memory__read_graph",
    ]);
    expect(names(await rank(search("save some text", 1)))).toEqual(["filesystem__write_file"]);
    expect(requests[0]).toMatchObject({ model: "embedder", principal: { kind: "master" } });
  });

  it("embeds each tool once: the next search sends only its query, a changed tool is embedded again", async () => {
    const vectors = new Map([...toolVectors, ["first", [1, 0, 0]], ["second", [0, 1, 0]], ["third", [0, 0, 1]]]);
    const { embed, requests } = fakeEmbedder(vectors);
    const rank = createEmbeddingRanker({ model: "embedder", embed, logger: capturedLogger().logger });
    await rank(search("first"));
    expect(requests[0]?.input).toEqual(["first", ...tools.map(toolText)]);
    expect(names(await rank(search("second")))[0]).toBe("filesystem__write_file");
    expect(requests[1]?.input).toEqual(["second"]);
    const changed = tool("tracker__createIssue", "File a ticket");
    await rank({ ...search("third"), tools: [tools[0] as Tool, tools[1] as Tool, changed] });
    expect(requests[2]?.input).toEqual(["third", toolText(changed)]);
  });

  it("keeps at most maxCachedTools vectors, dropping the least recently used", async () => {
    const { embed, requests } = fakeEmbedder(toolVectors);
    const rank = createEmbeddingRanker({
      model: "embedder",
      embed,
      logger: capturedLogger().logger,
      maxCachedTools: 2,
    });
    await rank(search("a"));
    await rank(search("b"));
    // Three tools, room for two: each search embeds the one that did not fit, never all three.
    expect(requests[1]?.input).toHaveLength(2);
  });

  it("falls back to BM25 when the embeddings call fails, and warns once", async () => {
    const { embed, requests } = fakeEmbedder(toolVectors, true);
    const { logger, lines } = capturedLogger();
    const rank = createEmbeddingRanker({ model: "embedder", embed, logger });
    const found = await rank(search("open an issue"));
    expect(names(found)).toEqual(names(searchTools(tools, "open an issue")));
    expect(found[0]?.name).toBe("tracker__createIssue");
    expect(names(await rank(search("knowledge graph")))[0]).toBe("memory__read_graph");
    expect(requests).toHaveLength(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("ranking by BM25 instead");
    expect(lines[0]).toContain("upstream down");
  });

  it("falls back to BM25 when the answer has the wrong number of vectors", async () => {
    const rank = createEmbeddingRanker({
      model: "embedder",
      embed: async () => [[1, 0, 0]],
      logger: capturedLogger().logger,
    });
    expect(names(await rank(search("write a file")))[0]).toBe("filesystem__write_file");
  });
});
