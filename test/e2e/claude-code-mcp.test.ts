import { mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { gatewayKey } from "../conformance/support/gateway-config.js";
import { referenceMcpServers } from "./support/mcp-servers.js";
import { runClaude } from "./support/run-claude.js";
import { headerOf, startE2eStack } from "./support/start-e2e-stack.js";

const createCall = "toolu_mcp_create_1";
const readCall = "toolu_mcp_read_1";
const waitCall = "toolu_mcp_wait_1";
const createTool = "mcp__switchboard__memory__create_entities";
const readTool = "mcp__switchboard__memory__read_graph";

describe("Claude Code 2.1.197 uses Switchboard as its HTTP MCP server", () => {
  it("calls memory__create_entities then memory__read_graph, and the answer relays the graph", async ({ expect }) => {
    const folder = await realpath(await mkdtemp(join(tmpdir(), "switchboard-mcp-e2e-")));
    const e2e = await startE2eStack("anthropic-messages", {
      mcpServers: referenceMcpServers({ memoryFile: join(folder, "memory.jsonl"), folder }),
    });
    try {
      let graphText = "";
      e2e.stack.setScript((view) => {
        const readResult = view.toolResults.find((result) => result.callId === readCall);
        if (readResult !== undefined) {
          graphText = readResult.output;
          return { text: `The graph holds: ${readResult.output}` };
        }
        if (view.toolResults.some((result) => result.callId === createCall)) {
          return { toolCalls: [{ id: readCall, name: readTool, arguments: {} }] };
        }
        if (!view.toolNames.includes(createTool)) {
          // Claude Code sends its first turn while MCP servers still connect; it offers a tool to wait for them.
          const mayWait =
            view.toolNames.includes("WaitForMcpServers") && view.userTexts.join(" ").includes("Switchboard");
          if (mayWait && !view.toolResults.some((result) => result.callId === waitCall)) {
            return {
              toolCalls: [{ id: waitCall, name: "WaitForMcpServers", arguments: { servers: ["switchboard"] } }],
            };
          }
          return { text: "ok" };
        }
        const entities = [{ name: "Switchboard", entityType: "gateway", observations: ["serves MCP tools"] }];
        return { toolCalls: [{ id: createCall, name: createTool, arguments: { entities } }] };
      });
      const run = await runClaude({
        baseUrl: e2e.proxy.url,
        apiKey: gatewayKey,
        prompt: "Remember that Switchboard serves MCP tools, then show me the knowledge graph.",
        cwd: e2e.workdir,
        mcpConfig: {
          mcpServers: {
            switchboard: { type: "http", url: `${e2e.proxy.url}/mcp`, headers: { "x-api-key": gatewayKey } },
          },
        },
        allowedTools: ["mcp__switchboard"],
      });
      const observed = await e2e.saveObservations("claude-mcp");
      const context = `exit ${run.exitCode}; observations in ${observed}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;

      expect(run.result?.is_error, context).toBe(false);
      expect(run.exitCode, context).toBe(0);
      // The graph came back from the real memory server through Switchboard, and the answer relays it.
      expect(graphText, context).toContain("serves MCP tools");
      expect(run.result?.result, context).toContain("serves MCP tools");
      // Claude Code spoke Streamable HTTP to /mcp with the key in its header.
      const mcpRequests = e2e.proxy.requests.filter((request) => request.path.startsWith("/mcp"));
      expect(mcpRequests.length, context).toBeGreaterThanOrEqual(3);
      for (const request of mcpRequests) expect(headerOf(request.headers, "x-api-key")).toBe(gatewayKey);
      expect(mcpRequests.some((request) => headerOf(request.headers, "mcp-session-id") !== undefined)).toBe(true);
    } finally {
      await e2e.close();
    }
  });
});

describe("Claude Code 2.1.197 with mcp.tool_search", () => {
  it("finds memory__create_entities with search_tools and runs it with call_tool", async ({ expect }) => {
    const folder = await realpath(await mkdtemp(join(tmpdir(), "switchboard-mcp-e2e-")));
    const e2e = await startE2eStack("anthropic-messages", {
      mcpServers: referenceMcpServers({ memoryFile: join(folder, "memory.jsonl"), folder }),
      mcp: { tool_search: true },
    });
    const ids = {
      search: "toolu_search_1",
      create: "toolu_call_create_1",
      read: "toolu_call_read_1",
      wait: "toolu_wait_2",
    };
    try {
      let offered: string[] = [];
      e2e.stack.setScript((view) => {
        const resultOf = (id: string) => view.toolResults.find((result) => result.callId === id);
        const read = resultOf(ids.read);
        if (read !== undefined) return { text: `The graph holds: ${read.output}` };
        if (resultOf(ids.create) !== undefined) {
          return {
            toolCalls: [
              { id: ids.read, name: "mcp__switchboard__call_tool", arguments: { name: "memory__read_graph" } },
            ],
          };
        }
        const search = resultOf(ids.search);
        if (search !== undefined) {
          // Only a name search_tools returned is called.
          if (!search.output.includes('"memory__create_entities"'))
            return { text: `search found nothing: ${search.output}` };
          const entities = [{ name: "ToolSearch", entityType: "feature", observations: ["found by searching"] }];
          return {
            toolCalls: [
              {
                id: ids.create,
                name: "mcp__switchboard__call_tool",
                arguments: { name: "memory__create_entities", arguments: { entities } },
              },
            ],
          };
        }
        if (!view.toolNames.includes("mcp__switchboard__search_tools")) {
          const mayWait = view.toolNames.includes("WaitForMcpServers") && view.userTexts.join(" ").includes("remember");
          if (mayWait && resultOf(ids.wait) === undefined) {
            return {
              toolCalls: [{ id: ids.wait, name: "WaitForMcpServers", arguments: { servers: ["switchboard"] } }],
            };
          }
          return { text: "ok" };
        }
        offered = view.toolNames.filter((name) => name.startsWith("mcp__"));
        return {
          toolCalls: [
            {
              id: ids.search,
              name: "mcp__switchboard__search_tools",
              arguments: { query: "create entities in the knowledge graph" },
            },
          ],
        };
      });
      const run = await runClaude({
        baseUrl: e2e.proxy.url,
        apiKey: gatewayKey,
        prompt: "Please remember that tool search works, then show me the knowledge graph.",
        cwd: e2e.workdir,
        mcpConfig: {
          mcpServers: {
            switchboard: { type: "http", url: `${e2e.proxy.url}/mcp`, headers: { "x-api-key": gatewayKey } },
          },
        },
        allowedTools: ["mcp__switchboard"],
      });
      const observed = await e2e.saveObservations("claude-mcp-tool-search");
      const context = `exit ${run.exitCode}; observations in ${observed}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;
      expect(run.exitCode, context).toBe(0);
      // Claude Code was offered the two tools, not the servers' twenty-odd.
      expect(offered.sort(), context).toEqual(["mcp__switchboard__call_tool", "mcp__switchboard__search_tools"]);
      expect(run.result?.result, context).toContain("found by searching");
    } finally {
      await e2e.close();
    }
  });
});
