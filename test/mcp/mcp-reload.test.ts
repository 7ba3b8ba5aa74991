import { mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { reloadConfig } from "../../src/gateway/reload-config.js";
import { createLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { referenceServer } from "./support/reference-servers.js";
import { processAlive } from "../support/process-alive.js";

const key = "sk-gateway-mcp-reload";
const logger = createLogger({ level: "silent" });

/**
 * A config reload (what SIGHUP and `--watch` run) with the official SDK client on both sides of
 * the reload: the config file is rewritten and read again through the same path as `start`.
 */
describe("a config reload applies to the MCP gateway's servers", () => {
  let folder: string;
  let configFile: string;
  let fake: FakeUpstream;
  let server: RunningServer;
  const clients: Client[] = [];

  const writeConfig = async (mcpServers: Record<string, unknown>) => {
    const config = {
      server: { api_key: key, log_level: "silent" },
      providers: { up: { type: "anthropic", base_url: fake.url, api_key: "sk-up", models: ["fake-model"] } },
      models: { "*": ["up/fake-model"] },
      mcp_servers: mcpServers,
    };
    // JSON is YAML: the file is read as any config file is.
    await writeFile(configFile, JSON.stringify(config));
  };
  const load = () => loadConfig({ flags: { config: configFile }, env: {}, cwd: folder });
  const reload = () => reloadConfig({ gateway: server.gateway, toolServers: server.mcp!, load, logger });
  const memory = () => ({
    command: process.execPath,
    args: [referenceServer.memory],
    env: { MEMORY_FILE_PATH: join(folder, "memory.jsonl") },
  });
  const filesystem = () => ({ command: process.execPath, args: [referenceServer.filesystem, folder] });
  const connect = async (path = "/mcp") => {
    const client = new Client({ name: "switchboard-reload-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}${path}`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  };
  const toolNames = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);

  beforeAll(async () => {
    folder = await realpath(await mkdtemp(join(tmpdir(), "switchboard-mcp-reload-")));
    configFile = join(folder, "switchboard.yaml");
    await writeFile(join(folder, "notes.txt"), "the notes say hello\n");
    fake = await startFakeUpstream({ apiKey: "sk-up", models: ["fake-model"], script: () => ({ text: "ok" }) });
    await writeConfig({ memory: memory(), filesystem: filesystem() });
    const loaded = await load();
    server = await startServer({ config: loaded.config, env: {}, port: 0, logger });
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await server?.close();
    await fake?.close();
  });

  it("removes a server from open sessions and new lists, stops its process, and keeps the other serving", async () => {
    const before = await connect();
    const alone = await connect("/mcp/filesystem");
    const names = await toolNames(before);
    expect(names).toContain("memory__read_graph");
    expect(names).toContain("filesystem__read_text_file");
    const read = await before.callTool({
      name: "filesystem__read_text_file",
      arguments: { path: join(folder, "notes.txt") },
    });
    expect(JSON.stringify(read.content)).toContain("the notes say hello");
    const filesystemPid = server.mcp!.registry.get("filesystem")!.state().pid!;
    expect(processAlive(filesystemPid)).toBe(true);

    await writeConfig({ memory: memory() });
    expect(await reload()).toMatchObject({ ok: true });

    // New sessions and new requests of the old one list only what is configured now.
    const after = await connect();
    expect(await toolNames(after)).toContain("memory__read_graph");
    expect((await toolNames(after)).filter((name) => name.startsWith("filesystem__"))).toEqual([]);
    expect((await toolNames(before)).filter((name) => name.startsWith("filesystem__"))).toEqual([]);
    // The old session's call to the removed server: refused, as an unknown tool, saying why.
    const refused = await before
      .callTool({ name: "filesystem__read_text_file", arguments: { path: join(folder, "notes.txt") } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(McpError);
    expect((refused as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((refused as McpError).message).toContain('the MCP server "filesystem" is no longer configured');
    // The remaining server still answers the old session.
    const graph = await before.callTool({ name: "memory__read_graph", arguments: {} });
    expect(graph.isError).toBeFalsy();
    // The removed server's process is gone, and the refused call did not start it again.
    await expect.poll(() => processAlive(filesystemPid), { timeout: 5_000 }).toBe(false);
    expect(server.mcp!.registry.get("filesystem")).toBeUndefined();
    expect(server.mcp!.registry.states().map((state) => state.name)).toEqual(["memory"]);
    // `/mcp/filesystem` answers like a server that never existed, for an open session and a new one.
    const closed = await alone.listTools().then(
      () => undefined,
      (error: unknown) => error as { code?: number; message: string },
    );
    expect(closed?.code).toBe(404);
    expect(closed?.message).toContain("Unknown MCP server");
    const fresh = await pingWithoutSession(`${server.url}/mcp/filesystem`);
    expect(fresh.status).toBe(404);
    expect(await fresh.json()).toMatchObject({
      error: { code: ErrorCode.InvalidRequest, message: expect.stringContaining('Unknown MCP server "filesystem"') },
    });
  }, 60_000);

  it("cuts off a call running on a server a reload removes, saying why (not that it restarts)", async () => {
    const everything = { command: process.execPath, args: [referenceServer.everything, "stdio"] };
    await writeConfig({ memory: memory(), everything });
    expect(await reload()).toMatchObject({ ok: true });
    const client = await connect();
    let progressed = false;
    const running = client
      .callTool(
        { name: "everything__trigger-long-running-operation", arguments: { duration: 20, steps: 20 } },
        undefined,
        { onprogress: () => (progressed = true) },
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // The call is under way on the server once its first progress notification has come back.
    await expect.poll(() => progressed, { timeout: 10_000 }).toBe(true);
    await writeConfig({ memory: memory() });
    expect(await reload()).toMatchObject({ ok: true });
    const cut = await running;
    expect(cut).toBeInstanceOf(McpError);
    expect((cut as McpError).message).toContain(
      'The call was cut off: The MCP server "everything" is no longer configured.',
    );
    expect((cut as McpError).message).not.toContain("restarted");
  }, 60_000);

  it("refuses a reload with a broken mcp_servers section and keeps the servers it had", async () => {
    await writeConfig({ memory: memory(), broken: { args: ["neither command nor url"] } });
    const refused = await reload();
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.reason).toMatch(/broken[\s\S]*give either `command`/);
    const client = await connect();
    expect(await toolNames(client)).toContain("memory__read_graph");
    expect(server.mcp!.registry.all().map((connection) => connection.name)).toEqual(["memory"]);
  }, 60_000);

  it("keeps open sessions once a reload removes the last server, and answers 404 to new ones", async () => {
    const old = await connect();
    const oldMemory = await connect("/mcp/memory");
    expect(await toolNames(old)).toContain("memory__read_graph");
    await writeConfig({});
    expect(await reload()).toMatchObject({ ok: true });
    expect(server.mcp!.registry.all()).toEqual([]);
    const answer = await pingWithoutSession(`${server.url}/mcp`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: { message: "No MCP server is configured." } });
    // The open session of `/mcp` stays: its list is empty and a call says why, as for any removed server.
    expect(await toolNames(old)).toEqual([]);
    const refused = await old.callTool({ name: "memory__read_graph", arguments: {} }).then(
      () => undefined,
      (error: unknown) => error as McpError,
    );
    expect(refused).toBeInstanceOf(McpError);
    expect(refused?.code).toBe(ErrorCode.InvalidParams);
    expect(refused?.message).toBe(
      'MCP error -32602: Unknown tool: memory__read_graph (the MCP server "memory" is no longer configured)',
    );
    // `/mcp/memory` answers like an unknown server, with a sentence that reads well when none is left.
    await expect(oldMemory.listTools()).rejects.toThrow(
      /Unknown MCP server .*memory.* \(no MCP server is configured\)/,
    );
    const fresh = await pingWithoutSession(`${server.url}/mcp/memory`);
    expect(fresh.status).toBe(404);
    expect(await fresh.json()).toMatchObject({
      error: { message: 'Unknown MCP server "memory" (no MCP server is configured).' },
    });
  }, 60_000);
});

/** A JSON-RPC ping to `url` from a client with no MCP session, as a new client's first request. */
function pingWithoutSession(url: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  });
}
