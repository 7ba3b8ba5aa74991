import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { configFromObject } from "../../src/config/index.js";
import { createLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";

const gatewayKey = "sk-gateway-mcp-secrets";
const remoteToken = "remote-token-never-for-clients";
const wrongToken = "wrong-token-never-for-clients-either";

/**
 * A remote MCP server (the SDK's McpServer over stateless Streamable HTTP) that answers only
 * `Authorization: Bearer <remoteToken>`, and keeps the headers of every request it gets.
 */
async function startGuardedRemote(): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    if (request.headers.authorization !== `Bearer ${remoteToken}`) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "unauthorized" }));
      return;
    }
    const mcp = new McpServer({ name: "guarded", version: "1" });
    mcp.registerTool(
      "echo",
      { description: "Echoes the message", inputSchema: { message: z.string() } },
      ({ message }) => ({
        content: [{ type: "text", text: message }],
      }),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on("close", () => void transport.close());
    void mcp.connect(transport).then(() => transport.handleRequest(request, response));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, seen, server };
}

/** Secrets of remote servers stay in the gateway: the remote gets them, clients never see them. */
describe("a remote MCP server's secrets", () => {
  let remote: Awaited<ReturnType<typeof startGuardedRemote>>;
  let gateway: RunningServer;
  /** Everything the gateway sent the client: status lines, headers and bodies. */
  const received: string[] = [];

  const connect = async (): Promise<Client> => {
    const client = new Client({ name: "secrets-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${gatewayKey}` } },
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        const head = `${response.status} ${JSON.stringify([...response.headers.entries()])}`;
        // The standing GET stream is kept to its status and headers; POST answers end, and are read whole.
        if (init?.method !== "POST") {
          received.push(head);
          return response;
        }
        const text = await response.text();
        received.push(`${head}\n${text}`);
        return new Response(text === "" ? null : text, { status: response.status, headers: response.headers });
      },
    });
    await client.connect(transport);
    return client;
  };

  beforeAll(async () => {
    remote = await startGuardedRemote();
    const config = configFromObject(
      {
        server: { api_key: gatewayKey, log_level: "silent" },
        providers: {},
        mcp_servers: {
          tracker: { url: remote.url, headers: { authorization: "Bearer ${TRACKER_TOKEN}" } },
          locked: { url: remote.url, headers: { authorization: "Bearer ${LOCKED_TOKEN}" } },
        },
      },
      { env: { TRACKER_TOKEN: remoteToken, LOCKED_TOKEN: wrongToken } },
    );
    gateway = await startServer({ config, port: 0, logger: createLogger({ level: "silent" }), providers: [] });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await new Promise((done) => remote?.server.close(done));
  });

  it("reach the remote server and never the client, in lists, results, errors or the admin API", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["tracker__echo"]);
    const echoed = await client.callTool({ name: "tracker__echo", arguments: { message: "through the gateway" } });
    expect(JSON.stringify(echoed.content)).toContain("through the gateway");
    // The remote that refuses the gateway's (wrong) header: the client gets an error, without the header.
    const refused = await client.callTool({ name: "locked__echo", arguments: { message: "x" } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(McpError);
    expect((refused as McpError).message).toContain("locked");
    await client.close();

    // The remote got the header the config gave it, from the gateway, never the client's key.
    expect(remote.seen.some((headers) => headers.authorization === `Bearer ${remoteToken}`)).toBe(true);
    expect(remote.seen.some((headers) => headers.authorization === `Bearer ${wrongToken}`)).toBe(true);
    expect(remote.seen.every((headers) => !JSON.stringify(headers).includes(gatewayKey))).toBe(true);

    const servers = await fetch(`${gateway.url}/api/mcp/servers`, {
      headers: { authorization: `Bearer ${gatewayKey}` },
    });
    expect(servers.status).toBe(200);
    const seenByClients = [...received, await servers.text(), (refused as Error).message];
    expect(seenByClients.join("\n")).toContain("through the gateway");
    for (const secret of [remoteToken, wrongToken]) {
      expect(seenByClients.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
