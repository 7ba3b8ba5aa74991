/**
 * How many tokens of tool definitions `mcp.tool_search` saves Claude Code on every model request.
 * It lists `/mcp` with the reference servers (memory, filesystem, everything) with tool search off
 * and on, renders each tool the way Claude Code 2.1.197 sends an MCP tool to the model
 * (`{ name: "mcp__switchboard__<tool>", description, input_schema }`, as captured by
 * test/e2e/claude-code-mcp.test.ts), and counts. Tokens are estimated, not counted: the
 * count_tokens endpoint is out of reach here (no internet), so this uses the rule the gateway's
 * own estimate uses (src/gateway/count-tokens.ts): about four characters of JSON per token.
 * Run: `node --import tsx bench/mcp-tool-search-tokens.ts`.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { configFromObject } from "../src/config/index.js";
import { startServer } from "../src/server/node.js";
import { referenceServer } from "../test/mcp/support/reference-servers.js";

const key = "sk-bench";
const asClaudeCodeSendsIt = (tools: Tool[]) =>
  tools.map((tool) => ({
    name: `mcp__switchboard__${tool.name}`,
    description: tool.description,
    input_schema: tool.inputSchema,
  }));

async function listed(toolSearch: boolean, folder: string): Promise<Tool[]> {
  const config = configFromObject({
    server: { api_key: key, log_level: "silent" },
    mcp_servers: {
      memory: {
        command: process.execPath,
        args: [referenceServer.memory],
        env: { MEMORY_FILE_PATH: join(folder, "m.jsonl") },
      },
      filesystem: { command: process.execPath, args: [referenceServer.filesystem, folder] },
      everything: { command: process.execPath, args: [referenceServer.everything, "stdio"] },
    },
    mcp: { tool_search: toolSearch },
  });
  const server = await startServer({ config, port: 0 });
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  const { tools } = await client.listTools();
  await client.close();
  await server.close();
  return tools;
}

const folder = await mkdtemp(join(tmpdir(), "switchboard-mcp-tokens-"));
for (const toolSearch of [false, true]) {
  const tools = await listed(toolSearch, folder);
  const characters = JSON.stringify(asClaudeCodeSendsIt(tools)).length;
  console.log(
    `tool_search ${toolSearch ? "on " : "off"}: ${tools.length} tools, ${characters} characters, ~${Math.ceil(characters / 4)} tokens a request`,
  );
}
