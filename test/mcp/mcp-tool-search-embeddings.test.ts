import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/load-config.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { searchTools } from "../../src/mcp/tool-search.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { baseStoreOptions } from "../../src/store/testing/test-engines.js";
import type { UsageStore } from "../../src/store/usage-store.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { referenceServer } from "./support/reference-servers.js";

const master = "sk-tool-search-embeddings-master";
/** Shares no word with `memory__add_observations` ("Add new observations to existing entities…"). */
const query = "jot down what I learned about someone";

let fake: FakeUpstream;
let gateway: RunningServer;
let store: UsageStore;
let folder: string;

beforeAll(async () => {
  // The vectors say what BM25 cannot see: the query means add_observations, every other text points elsewhere.
  fake = await startFakeUpstream({
    apiKey: "sk-local",
    models: ["nomic-embed-text"],
    script: (call) => {
      const input = (call.body as { input: string[] }).input;
      return {
        embeddings: input.map((text) =>
          text === query || text.startsWith("memory add observations:") ? [0, 0, 1] : [1, 0.2, 0],
        ),
      };
    },
  });
  folder = mkdtempSync(join(tmpdir(), "switchboard-tool-search-embeddings-"));
  const config = configFromObject({
    server: { api_key: master, log_level: "silent" },
    providers: {
      local: {
        type: "openai-compatible",
        base_url: `${fake.url}/v1`,
        api_key: "sk-local",
        models: ["nomic-embed-text"],
      },
    },
    models: { embedder: { deployments: ["local/nomic-embed-text"] } },
    mcp_servers: {
      memory: {
        command: process.execPath,
        args: [referenceServer.memory],
        env: { MEMORY_FILE_PATH: join(folder, "memory.jsonl") },
      },
    },
    mcp: { tool_search: true, tool_search_model: "embedder" },
  });
  store = await openUsageStore({
    store: baseStoreOptions({ path: join(folder, "usage.sqlite"), flushIntervalMs: 50 }),
    logger: createSilentLogger(),
  });
  gateway = await startServer({ config, port: 0, usageStore: store, logger: createSilentLogger() });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await fake?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await fetch(`${gateway.url}/api/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${master}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string };
}

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: "tool-search-embeddings-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

async function search(client: Client, text: string): Promise<Array<Tool & { name: string }>> {
  const found = await client.callTool({ name: "search_tools", arguments: { query: text, limit: 3 } });
  return (found.structuredContent as { tools: Tool[] }).tools;
}

interface EmbeddingsRow {
  key_id: string | null;
  error_code: string | null;
  route: string | null;
  provider: string;
  upstream_model: string;
  status: number;
  input_tokens: number;
}

async function embeddingsRows(): Promise<EmbeddingsRow[]> {
  await store.flush();
  const database = new Database(join(folder, "usage.sqlite"), { readonly: true });
  try {
    return database
      .prepare("select * from requests where client_api = 'openai-embeddings' order by started_at")
      .all() as EmbeddingsRow[];
  } finally {
    database.close();
  }
}

describe("search_tools ranked by embeddings (mcp.tool_search_model, official MCP SDK client)", () => {
  it("finds a tool BM25 cannot, through the gateway's embeddings path, recorded under the caller's key", async () => {
    const { id, key } = await createKey({ name: "tool-searcher", mcp: ["memory"] });
    const client = await connect(key);
    try {
      const found = await search(client, query);
      expect(found[0]?.name).toBe("memory__add_observations");
      expect(found[0]?.inputSchema).toHaveProperty("properties.observations");
      // The premise: BM25 over the same tools does not put it first.
      const listed = await client.callTool({ name: "search_tools", arguments: { query: "memory", limit: 50 } });
      const allTools = (listed.structuredContent as { tools: Tool[] }).tools;
      expect(allTools.length).toBeGreaterThan(5);
      expect(searchTools(allTools, query)[0]?.name).not.toBe("memory__add_observations");

      const embeddingCalls = fake.calls.filter((call) => call.api === "openai-embeddings");
      expect(embeddingCalls).toHaveLength(2);
      // The first search embedded the query and every tool; the next one only its query.
      expect((embeddingCalls[0]?.body as { input: string[] }).input).toHaveLength(1 + allTools.length);
      expect((embeddingCalls[1]?.body as { input: string[] }).input).toEqual(["memory"]);

      const rows = await embeddingsRows();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        key_id: id,
        route: "embedder",
        provider: "local",
        upstream_model: "nomic-embed-text",
        status: 200,
      });
      expect(rows[0]?.input_tokens).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it("falls back to BM25 when the key may not use the embeddings model: the search still answers", async () => {
    const { id, key } = await createKey({ name: "chat-only", mcp: ["memory"], models: ["some-chat-model"] });
    const client = await connect(key);
    try {
      const before = fake.calls.length;
      // The fake's vectors would tie every tool but add_observations here; BM25 picks read_graph.
      const found = await search(client, "read the entire graph");
      expect(found[0]?.name).toBe("memory__read_graph");
      // Refused at the gateway, so the upstream never saw it; the refusal is a row of its own.
      expect(fake.calls.length).toBe(before);
      const refused = (await embeddingsRows()).filter((row) => row.key_id === id);
      expect(refused).toEqual([expect.objectContaining({ status: 403, error_code: "permission" })]);
    } finally {
      await client.close();
    }
  });

  it("follows a reload: without tool_search_model new sessions rank by BM25; a model again embeds afresh", async () => {
    const mcp = gateway.mcp!;
    const withModel = mcp.config;
    const { toolSearchModel: _model, ...bm25Only } = withModel;
    await mcp.reload(bm25Only);
    const before = fake.calls.length;
    const bm25Client = await connect(master);
    try {
      expect((await search(bm25Client, query))[0]?.name).not.toBe("memory__add_observations");
      expect(fake.calls.length).toBe(before);
    } finally {
      await bm25Client.close();
    }
    await mcp.reload({ ...withModel, toolSearchModel: "local/nomic-embed-text" });
    const embeddingsClient = await connect(master);
    try {
      expect((await search(embeddingsClient, query))[0]?.name).toBe("memory__add_observations");
      const calls = fake.calls.slice(before);
      // Another model: its tool vectors are not the old model's, so every tool is embedded again.
      expect(calls).toHaveLength(1);
      expect((calls[0]?.body as { model: string; input: string[] }).input.length).toBeGreaterThan(5);
      expect((calls[0]?.body as { model: string }).model).toBe("nomic-embed-text");
    } finally {
      await embeddingsClient.close();
    }
  });
});
