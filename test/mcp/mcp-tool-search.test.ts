import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMcpStack, type McpStack } from "./support/start-mcp-stack.js";

describe("mcp.tool_search: two tools instead of every server's", () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startMcpStack({ toolSearch: true, remote: false });
  }, 60_000);
  afterAll(async () => stack?.close());

  it("lists search_tools and call_tool, finds a tool, and calls it", async () => {
    const client = await stack.connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["search_tools", "call_tool"]);
    const found = await client.callTool({
      name: "search_tools",
      arguments: { query: "create entities in the knowledge graph", limit: 3 },
    });
    const matches = (found.structuredContent as { tools: Array<{ name: string; inputSchema: unknown }> }).tools;
    expect(matches[0]?.name).toBe("memory__create_entities");
    expect(matches[0]?.inputSchema).toHaveProperty("properties.entities");
    const created = await client.callTool({
      name: "call_tool",
      arguments: {
        name: "memory__create_entities",
        arguments: { entities: [{ name: "Searched", entityType: "thing", observations: ["found by search"] }] },
      },
    });
    expect(created.isError).toBeFalsy();
    const graph = await client.callTool({ name: "call_tool", arguments: { name: "memory__read_graph" } });
    expect(JSON.stringify(graph.content)).toContain("found by search");
    expect(stack.calls.records.map((record) => `${record.server}/${record.tool}/${record.status}`)).toEqual(
      expect.arrayContaining(["memory/create_entities/ok", "memory/read_graph/ok"]),
    );
  });

  it("keeps /mcp/<server> listing that server's own tools", async () => {
    const client = await stack.connect({ path: "/mcp/memory" });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("read_graph");
  });
});
