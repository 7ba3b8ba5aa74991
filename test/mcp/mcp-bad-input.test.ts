import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, LATEST_PROTOCOL_VERSION, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitedKey, mcpKey, startMcpStack, type McpStack } from "./support/start-mcp-stack.js";

const jsonRpcHeaders = (key = mcpKey, sessionId?: string): Record<string, string> => ({
  authorization: `Bearer ${key}`,
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  ...(sessionId !== undefined && { "mcp-session-id": sessionId, "mcp-protocol-version": LATEST_PROTOCOL_VERSION }),
});

interface JsonRpcErrorBody {
  jsonrpc: string;
  error: { code: number; message: string };
  id: null;
}
const errorOf = async (response: Response) => (await response.json()) as JsonRpcErrorBody;

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

describe("the MCP gateway refuses bad input in JSON-RPC, and keeps serving", () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startMcpStack({ remote: false });
  }, 60_000);
  afterAll(async () => stack?.close());

  const post = (path: string, body: string, headers = jsonRpcHeaders()) =>
    fetch(`${stack.server.url}${path}`, { method: "POST", headers, body });

  it("answers a wrong or missing key with 401 and a JSON-RPC error", async () => {
    const wrong = await post("/mcp", JSON.stringify(initialize), jsonRpcHeaders("sk-wrong"));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    expect(await wrong.json()).toMatchObject({ jsonrpc: "2.0", error: { code: ErrorCode.InvalidRequest }, id: null });
    const client = new Client({ name: "wrong-key", version: "1" });
    const transport = new StreamableHTTPClientTransport(new URL(`${stack.server.url}/mcp`), {
      requestInit: { headers: { authorization: "Bearer sk-wrong" } },
    });
    await expect(client.connect(transport)).rejects.toThrow();
  });

  it("answers malformed JSON with -32700 and a non-JSON-RPC body with -32600/-32700", async () => {
    const malformed = await post("/mcp", "{ this is not json");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: ErrorCode.ParseError } });
    const notRpc = await post("/mcp", JSON.stringify({ hello: "world" }));
    expect(notRpc.status).toBe(400);
    expect((await errorOf(notRpc)).error.code).toBeLessThanOrEqual(-32600);
  });

  it("answers a session id it does not know with 404", async () => {
    const answer = await post(
      "/mcp",
      JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
      jsonRpcHeaders(mcpKey, "no-such-session"),
    );
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: { code: ErrorCode.InvalidRequest } });
  });

  it("answers an unknown server name with 404 naming the configured ones", async () => {
    const answer = await post("/mcp/nope", JSON.stringify(initialize));
    expect(answer.status).toBe(404);
    const body = await errorOf(answer);
    expect(body.error.code).toBe(ErrorCode.InvalidRequest);
    expect(body.error.message).toContain('Unknown MCP server "nope"');
    expect(body.error.message).toContain("memory");
  });

  it("answers an oversized message with 413 and a JSON-RPC error", async () => {
    const client = await stack.connect();
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId;
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "everything__echo", arguments: { message: "x".repeat(2 * 1024 * 1024) } },
    });
    const answer = await post("/mcp", huge, jsonRpcHeaders(mcpKey, sessionId));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({
      jsonrpc: "2.0",
      error: { message: expect.stringContaining("Payload Too Large") },
    });
  });

  it("answers an unknown method with -32601, an unknown tool and bad params with -32602", async () => {
    const client = await stack.connect();
    await expect(client.request({ method: "tools/nonsense", params: {} }, z.object({}))).rejects.toMatchObject({
      code: ErrorCode.MethodNotFound,
    });
    const unknown = await client
      .callTool({ name: "memory__no_such_tool", arguments: {} })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(McpError);
    expect((unknown as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((unknown as McpError).message).toContain("Unknown tool: memory__no_such_tool");
    const noServer = await client.callTool({ name: "ghost__tool", arguments: {} }).catch((error: unknown) => error);
    expect((noServer as McpError).code).toBe(ErrorCode.InvalidParams);
    await expect(
      client.request(
        { method: "tools/call", params: { name: "memory__read_graph", arguments: "not an object" } },
        z.object({}),
      ),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
  });

  it("returns arguments failing the tool's schema as a tool error (spec 2025-11-25: input validation)", async () => {
    const client = await stack.connect();
    const result = await client.callTool({ name: "memory__create_entities", arguments: { entities: "not a list" } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("validation");
  });

  it("refuses a tool or server outside the key's allowance, saying so", async () => {
    const client = await stack.connect({ key: limitedKey });
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("memory__read_graph");
    expect(names).not.toContain("memory__create_entities");
    expect(names.some((name) => name.startsWith("filesystem__"))).toBe(false);
    const refusedTool = await client
      .callTool({ name: "memory__create_entities", arguments: { entities: [] } })
      .catch((error: unknown) => error);
    expect((refusedTool as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((refusedTool as McpError).message).toContain(
      "The tool memory__create_entities is not allowed for this key (limited)",
    );
    const refusedServer = await client
      .callTool({ name: "filesystem__list_allowed_directories", arguments: {} })
      .catch((error: unknown) => error);
    expect((refusedServer as McpError).message).toContain('The MCP server "filesystem"');
    expect((refusedServer as McpError).message).toContain("not allowed for this key (limited)");
    const alone = await post("/mcp/filesystem", JSON.stringify(initialize), jsonRpcHeaders(limitedKey));
    expect(alone.status).toBe(403);
    expect((await errorOf(alone)).error.message).toContain('The MCP server "filesystem" is not allowed for this key');
    const refusals = stack.calls.records.filter((record) => record.status === "refused" && record.keyId === "limited");
    expect(refusals.map((record) => `${record.server}/${record.tool}`)).toEqual(
      expect.arrayContaining(["memory/create_entities", "filesystem/list_allowed_directories"]),
    );
  });

  it("keeps serving model requests and MCP after all of it", async () => {
    const answer = await fetch(`${stack.server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": mcpKey, "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "fake-model", max_tokens: 16, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { content: Array<{ text: string }> }).content[0]?.text).toBe("ok");
    const client = await stack.connect();
    expect((await client.callTool({ name: "everything__echo", arguments: { message: "fine" } })).isError).toBeFalsy();
  });
});
