import { mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { configFromObject } from "../../../src/config/index.js";
import type { McpGateway } from "../../../src/mcp/create-mcp-gateway.js";
import { createAllowanceAccess, createMasterKeyAccess } from "../../../src/mcp/mcp-access.js";
import { createMemoryMcpCallSink } from "../../../src/mcp/mcp-call-record.js";
import { startServer, type RunningServer } from "../../../src/server/node.js";
import { startFakeUpstream } from "../../fake-upstream/index.js";
import type { FakeUpstream } from "../../fake-upstream/types.js";
import { referenceServer, startEverythingHttp } from "./reference-servers.js";

export const mcpKey = "sk-gateway-mcp-test";
/** A key allowed only memory's `read_graph` and the everything server (as the keys work will grant). */
export const limitedKey = "sk-gateway-mcp-limited";

export interface McpStack {
  server: RunningServer;
  gateway: McpGateway;
  calls: ReturnType<typeof createMemoryMcpCallSink>;
  /** The folder the filesystem server may read, with `notes.txt` in it. */
  folder: string;
  fake: FakeUpstream;
  connect(options?: { path?: string; key?: string }): Promise<Client>;
  close(): Promise<void>;
}

/**
 * Switchboard with the reference servers behind `/mcp` (memory, filesystem, everything over
 * stdio; everything over HTTP as the remote `remote`), and a fake model upstream beside them.
 */
export async function startMcpStack(options: { toolSearch?: boolean; remote?: boolean } = {}): Promise<McpStack> {
  const folder = await realpath(await mkdtemp(join(tmpdir(), "switchboard-mcp-fs-")));
  await writeFile(join(folder, "notes.txt"), "the notes say hello\n");
  const memoryFile = join(folder, "memory.jsonl");
  const remote = options.remote === false ? undefined : await startEverythingHttp();
  const fake = await startFakeUpstream({ apiKey: "sk-up", models: ["fake-model"], script: () => ({ text: "ok" }) });
  const config = configFromObject({
    server: { api_key: mcpKey, log_level: "silent" },
    providers: { up: { type: "anthropic", base_url: fake.url, api_key: "sk-up", models: ["fake-model"] } },
    models: { "*": ["up/fake-model"] },
    mcp_servers: {
      memory: { command: process.execPath, args: [referenceServer.memory], env: { MEMORY_FILE_PATH: memoryFile } },
      filesystem: { command: process.execPath, args: [referenceServer.filesystem, folder] },
      everything: { command: process.execPath, args: [referenceServer.everything, "stdio"] },
      ...(remote !== undefined && { remote: { url: remote.url, headers: { "x-remote-secret": "s3cret-remote" } } }),
    },
    mcp: { tool_search: options.toolSearch ?? false, max_message_mb: 1 },
  });
  const calls = createMemoryMcpCallSink();
  let gateway: McpGateway | undefined;
  const server = await startServer({
    config,
    port: 0,
    mcp: {
      callSink: calls,
      backoffBaseMs: 50,
      onGateway: (built) => (gateway = built),
      access: createAllowanceAccess(
        new Map([
          [limitedKey, { keyId: "limited", servers: ["memory", "everything"], tools: { memory: ["read_graph"] } }],
        ]),
        createMasterKeyAccess(mcpKey),
      ),
    },
  });
  const clients: Client[] = [];
  return {
    server,
    gateway: gateway as unknown as McpGateway,
    calls,
    folder,
    fake,
    async connect(connectOptions = {}) {
      const client = new Client({ name: "switchboard-test", version: "1.0.0" });
      const transport = new StreamableHTTPClientTransport(new URL(`${server.url}${connectOptions.path ?? "/mcp"}`), {
        requestInit: { headers: { authorization: `Bearer ${connectOptions.key ?? mcpKey}` } },
      });
      await client.connect(transport);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((client) => client.close()));
      await server.close();
      await fake.close();
      await remote?.close();
    },
  };
}
