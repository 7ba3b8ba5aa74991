/**
 * A minimal remote MCP server for bench/mcp-overhead.ts: the SDK's McpServer with one `echo`
 * tool over stateless Streamable HTTP (JSON responses) on node:http, printing its URL. It stands
 * in for a remote server whose own latency is small, so the gateway's share is readable.
 */
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const server = createServer((request, response) => {
  const mcp = new McpServer({ name: "bench-echo", version: "1" });
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
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/mcp`);
});
