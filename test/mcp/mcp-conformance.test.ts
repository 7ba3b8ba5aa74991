import { CallToolResultSchema, ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMcpStack, type McpStack } from "./support/start-mcp-stack.js";

/** The official SDK client against `/mcp`, with the reference servers behind it. */
describe("the MCP gateway with the reference servers", () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startMcpStack();
  }, 60_000);
  afterAll(async () => stack?.close());

  it("lists every server's tools under server-prefixed names", async () => {
    const client = await stack.connect();
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain("memory__create_entities");
    expect(names).toContain("memory__read_graph");
    expect(names).toContain("filesystem__read_text_file");
    expect(names).toContain("everything__echo");
    expect(names).toContain("remote__echo");
    const createEntities = tools.find((tool) => tool.name === "memory__create_entities");
    expect(createEntities?.inputSchema.properties).toHaveProperty("entities");
  });

  it("calls tools on stdio and remote servers and records each call", async () => {
    const client = await stack.connect();
    const created = await client.callTool({
      name: "memory__create_entities",
      arguments: { entities: [{ name: "Switchboard", entityType: "project", observations: ["routes tools"] }] },
    });
    expect(created.isError).toBeFalsy();
    const graph = await client.callTool({ name: "memory__read_graph", arguments: {} });
    expect(JSON.stringify(graph.content)).toContain("routes tools");
    const file = await client.callTool({
      name: "filesystem__read_text_file",
      arguments: { path: `${stack.folder}/notes.txt` },
    });
    expect(JSON.stringify(file.content)).toContain("the notes say hello");
    const echoed = await client.callTool({ name: "remote__echo", arguments: { message: "over http" } });
    expect(JSON.stringify(echoed.content)).toContain("over http");
    const records = stack.calls.records.filter((record) => record.status === "ok");
    expect(records.map((record) => `${record.server}/${record.tool}`)).toEqual(
      expect.arrayContaining(["memory/create_entities", "memory/read_graph", "filesystem/read_text_file", "remote/echo"]),
    );
    expect(records.every((record) => record.keyId === "master" && record.durationMs >= 0)).toBe(true);
  });
});
