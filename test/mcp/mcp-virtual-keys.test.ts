import { mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { reloadConfig } from "../../src/gateway/reload-config.js";
import { createLogger } from "../../src/lib/logger.js";
import { overLimitCode } from "../../src/mcp/mcp-errors.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { openUsageStore } from "../../src/store/open-usage-store.js";
import { testEngines } from "../../src/store/testing/test-engines.js";
import { referenceServer } from "./support/reference-servers.js";

const masterKey = "sk-master-mcp-keys-test";

interface CreatedKey {
  id: string;
  key: string;
}

/**
 * `/mcp` under virtual keys made through the admin API, with the official SDK client: one key
 * granted the memory server only (and a rate limit), one granted everything. Tool calls land in
 * the usage store on each engine and come back from `/api/mcp/calls`.
 */
describe.each(testEngines)("MCP under virtual keys ($name store)", (engine) => {
  let server: RunningServer;
  let folder: string;
  let cleanup: () => Promise<void> = async () => undefined;
  const clients: Client[] = [];
  let memoryOnly: CreatedKey;
  let everything: CreatedKey;

  const admin = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${masterKey}`, "content-type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const made = async (body: Record<string, unknown>): Promise<CreatedKey> => {
    const answer = await admin("/api/keys", { method: "POST", body });
    expect(answer.status).toBe(201);
    return { id: answer.body["id"] as string, key: answer.body["key"] as string };
  };

  const connect = async (key: string, path = "/mcp"): Promise<Client> => {
    const client = new Client({ name: "keys-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}${path}`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  };

  const refusal = async (promise: Promise<unknown>): Promise<McpError> => {
    const error = await promise.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  };

  /** The suite's config; `filesystem` replaces the filesystem server's entry (`null`: no filesystem server). */
  const configWith = (filesystem?: Record<string, unknown> | null) =>
    configFromObject({
      server: { api_key: masterKey, log_level: "silent" },
      providers: {},
      mcp_servers: {
        memory: {
          command: process.execPath,
          args: [referenceServer.memory],
          env: { MEMORY_FILE_PATH: join(folder, "memory.jsonl") },
        },
        ...(filesystem !== null && {
          filesystem: { command: process.execPath, args: [referenceServer.filesystem, folder], ...filesystem },
        }),
      },
    });
  /** A config reload (what SIGHUP and `--watch` run) to `configWith(filesystem)`. */
  const reloadTo = async (filesystem?: Record<string, unknown> | null) => {
    const config = configWith(filesystem);
    const load = async () => ({ config, env: {}, configDir: folder, implicitProviders: [] });
    const reloaded = await reloadConfig({
      gateway: server.gateway,
      toolServers: server.mcp!,
      load,
      logger: createLogger({ level: "silent" }),
    });
    expect(reloaded).toMatchObject({ ok: true });
  };

  beforeAll(async () => {
    folder = await realpath(await mkdtemp(join(tmpdir(), "switchboard-mcp-keys-")));
    await writeFile(join(folder, "notes.txt"), "granted reading\n");
    const created = await engine.create();
    cleanup = created.cleanup;
    const logger = createLogger({ level: "silent" });
    const usageStore = await openUsageStore({ store: created.options, logger });
    server = await startServer({ config: configWith(), port: 0, usageStore, logger, providers: [] });
    memoryOnly = await made({ name: "memory only", mcp: "memory", rpm: 2 });
    everything = await made({ name: "everything", mcp: ["*"] });
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await server?.close();
    await cleanup();
  });

  it("shows each key's grants in the admin API", async () => {
    const listed = await admin("/api/keys");
    const keys = listed.body["keys"] as Array<{ id: string; mcp: string[] }>;
    expect(keys.find((key) => key.id === memoryOnly.id)?.mcp).toEqual(["memory"]);
    expect(keys.find((key) => key.id === everything.id)?.mcp).toEqual(["*"]);
    const bad = await admin(`/api/keys/${memoryOnly.id}`, { method: "PATCH", body: { mcp: "not a server!" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { param: "mcp" } });
  });

  it("lets the memory-only key use memory, and refuses filesystem saying what it may use", async () => {
    const client = await connect(memoryOnly.key);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("memory__read_graph");
    expect(names.some((name) => name.startsWith("filesystem__"))).toBe(false);
    const graph = await client.callTool({ name: "memory__read_graph", arguments: {} });
    expect(graph.isError).toBeFalsy();
    const refused = await refusal(
      client.callTool({ name: "filesystem__read_text_file", arguments: { path: join(folder, "notes.txt") } }),
    );
    expect(refused.code).toBe(ErrorCode.InvalidParams);
    expect(refused.message).toBe(
      `MCP error -32602: The MCP server "filesystem" (tool filesystem__read_text_file) is not allowed for this key (${memoryOnly.id}); it may use: memory.`,
    );
    const alone = await fetch(`${server.url}/mcp/filesystem`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${memoryOnly.key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }),
    });
    expect(alone.status).toBe(403);
  });

  it("lets the key granted everything read a file", async () => {
    const client = await connect(everything.key);
    const file = await client.callTool({
      name: "filesystem__read_text_file",
      arguments: { path: join(folder, "notes.txt") },
    });
    expect(JSON.stringify(file.content)).toContain("granted reading");
  });

  it("refuses a tool call over the key's rate limit with a JSON-RPC error carrying the retry time", async () => {
    const client = await connect(memoryOnly.key);
    // Two calls a minute: the earlier test spent one (its refused call none), listing tools spends
    // none. Call until refused rather than count on it: the minute may turn between the tests.
    await client.listTools();
    let over: McpError | undefined;
    for (let call = 0; call < 5 && over === undefined; call += 1) {
      over = await client.callTool({ name: "memory__read_graph", arguments: {} }).then(
        () => undefined,
        (error: unknown) => error as McpError,
      );
    }
    if (over === undefined) throw new Error("five calls in a row were not refused at 2 a minute");
    expect(over.code).toBe(overLimitCode);
    expect(over.message).toMatch(/is over its limit of 2 requests per minute; retry in \d+ s/);
    // The SDK client prefixes "MCP error <code>: " once; the gateway must not send a prefix of its own.
    expect(over.message).toMatch(/^MCP error -32029: The Switchboard key "memory only"/);
    expect(over.data).toMatchObject({ reason: "rate_limited", status: 429, limit: "rpm" });
    expect((over.data as { retry_after_ms: number }).retry_after_ms).toBeGreaterThan(0);
  });

  it("answers a revoked key with 401, on an open session too", async () => {
    const client = await connect(everything.key);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect((await admin(`/api/keys/${everything.id}/revoke`, { method: "POST" })).status).toBe(200);
    const error = await client.listTools().then(
      () => undefined,
      (failure: unknown) => failure as StreamableHTTPError,
    );
    expect(error).toBeInstanceOf(StreamableHTTPError);
    expect(error?.code).toBe(401);
    expect(error?.message).toContain("was revoked");
    const raw = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${everything.key}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({
      jsonrpc: "2.0",
      error: {
        code: ErrorCode.InvalidRequest,
        message: `The Switchboard key "everything" (${everything.id}) was revoked.`,
      },
    });
  });

  it("keeps every tool call as a row of the store, read back through /api/mcp/calls", async () => {
    type Call = { server: string; tool: string; key_id: string; status: string; error: string | null };
    let calls: Call[] = [];
    await expect
      .poll(
        async () => {
          calls = ((await admin("/api/mcp/calls?limit=100")).body["calls"] ?? []) as Call[];
          return calls.length;
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBeGreaterThanOrEqual(5);
    const mine = calls.filter((call) => call.key_id === memoryOnly.id);
    // Two or more (the rate-limit test calls until refused, and a minute may turn while it does).
    const served = mine.filter((call) => call.status === "ok").map((call) => `${call.server}/${call.tool}`);
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(new Set(served)).toEqual(new Set(["memory/read_graph"]));
    expect(mine.find((call) => call.error?.includes("requests per minute"))).toMatchObject({ status: "refused" });
    // The stored text is the message itself, without the SDK's "MCP error <code>: " prefix.
    expect(mine.filter((call) => call.error?.includes("MCP error"))).toEqual([]);
    expect(mine.find((call) => call.server === "filesystem")).toMatchObject({ status: "refused" });
    expect(calls.find((call) => call.key_id === everything.id)).toMatchObject({
      server: "filesystem",
      tool: "read_text_file",
      status: "ok",
    });
    const filtered = await admin("/api/mcp/calls?server=filesystem&tool=read_text_file");
    expect((filtered.body["calls"] as Call[]).every((call) => call.tool === "read_text_file")).toBe(true);
    const bad = await admin("/api/mcp/calls?limit=0&colour=red");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { param: "colour" } });
    const badLimit = await admin("/api/mcp/calls?limit=9999");
    expect(badLimit.body).toMatchObject({ error: { param: "limit" } });
  });

  it("shows each server's state and tools in /api/mcp/servers, to the master key only", async () => {
    const answer = await admin("/api/mcp/servers");
    const servers = answer.body["servers"] as Array<{ name: string; state: string; tools: Array<{ name: string }> }>;
    expect(servers.map((entry) => entry.name)).toEqual(["memory", "filesystem"]);
    expect(servers[0]?.state).toBe("running");
    expect(servers[0]?.tools.map((tool) => tool.name)).toContain("create_entities");
    const asKey = await fetch(`${server.url}/api/mcp/servers`, {
      headers: { authorization: `Bearer ${memoryOnly.key}` },
    });
    expect(asKey.status).toBe(403);
  });
  it("refuses, on an open session, a server taken out of the key's grants, from its next request", async () => {
    const both = await made({ name: "memory and filesystem", mcp: "memory,filesystem" });
    const client = await connect(both.key);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("filesystem__read_text_file");
    const read = await client.callTool({
      name: "filesystem__read_text_file",
      arguments: { path: join(folder, "notes.txt") },
    });
    expect(JSON.stringify(read.content)).toContain("granted reading");

    expect((await admin(`/api/keys/${both.id}`, { method: "PATCH", body: { mcp: "memory" } })).status).toBe(200);
    // The same session: the server is gone from the list, and a call says it is not allowed (never silently missing).
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("memory__read_graph");
    expect(names.some((name) => name.startsWith("filesystem__"))).toBe(false);
    const refused = await refusal(
      client.callTool({ name: "filesystem__read_text_file", arguments: { path: join(folder, "notes.txt") } }),
    );
    expect(refused.code).toBe(ErrorCode.InvalidParams);
    expect(refused.message).toBe(
      `MCP error -32602: The MCP server "filesystem" (tool filesystem__read_text_file) is not allowed for this key (${both.id}); it may use: memory.`,
    );
    const graph = await client.callTool({ name: "memory__read_graph", arguments: {} });
    expect(graph.isError).toBeFalsy();
  });

  it("removes every grant of a tool or server the config removes, on open sessions too", async () => {
    const oneTool = await made({ name: "one filesystem tool", mcp: "memory,filesystem/read_text_file" });
    const client = await connect(oneTool.key);
    const notes = { path: join(folder, "notes.txt") };
    const read = await client.callTool({ name: "filesystem__read_text_file", arguments: notes });
    expect(JSON.stringify(read.content)).toContain("granted reading");
    try {
      // The tool leaves the config: the key's grant of it goes with it.
      await reloadTo({ disallowed_tools: ["read_text_file"] });
      expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain("filesystem__read_text_file");
      const gone = await refusal(client.callTool({ name: "filesystem__read_text_file", arguments: notes }));
      expect(gone.code).toBe(ErrorCode.InvalidParams);
      expect(gone.message).toBe("MCP error -32602: Unknown tool: filesystem__read_text_file");
      // The server leaves the config: so does every grant of it.
      await reloadTo(null);
      expect((await client.listTools()).tools.some((tool) => tool.name.startsWith("filesystem__"))).toBe(false);
      const removed = await refusal(client.callTool({ name: "filesystem__read_text_file", arguments: notes }));
      expect(removed.code).toBe(ErrorCode.InvalidParams);
      expect(removed.message).toContain('the MCP server "filesystem" is no longer configured');
      const graph = await client.callTool({ name: "memory__read_graph", arguments: {} });
      expect(graph.isError).toBeFalsy();
    } finally {
      await reloadTo();
    }
    // Configured again under the same name, the grant applies again.
    const again = await client.callTool({ name: "filesystem__read_text_file", arguments: notes });
    expect(JSON.stringify(again.content)).toContain("granted reading");
  });

  it("refuses a key without --mcp grants at initialize, saying how to grant servers", async () => {
    const plain = await made({ name: "models only" });
    const answer = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${plain.key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }),
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({
      error: {
        code: ErrorCode.InvalidRequest,
        message: expect.stringMatching(
          new RegExp(`^This key \\(${plain.id}\\) has no MCP grants.*create or update it with --mcp <servers>`),
        ),
      },
    });
  });
});
