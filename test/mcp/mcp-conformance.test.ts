import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, ErrorCode, LATEST_PROTOCOL_VERSION, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceServer } from "./support/reference-servers.js";
import { mcpKey, startMcpStack, type McpStack } from "./support/start-mcp-stack.js";

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
      expect.arrayContaining([
        "memory/create_entities",
        "memory/read_graph",
        "filesystem/read_text_file",
        "remote/echo",
      ]),
    );
    expect(records.every((record) => record.keyId === "master" && record.durationMs >= 0)).toBe(true);
  });
});

describe("the MCP gateway passes the protocol through", () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startMcpStack({ remote: false });
  }, 60_000);
  afterAll(async () => stack?.close());

  it("forwards progress notifications under the client's own token", async () => {
    const client = await stack.connect();
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool(
      { name: "everything__trigger-long-running-operation", arguments: { duration: 0.6, steps: 3 } },
      CallToolResultSchema,
      { onprogress: (event) => progress.push({ progress: event.progress, total: event.total }) },
    );
    expect(JSON.stringify(result.content)).toContain("Long running operation completed");
    expect(progress).toEqual([
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
      { progress: 3, total: 3 },
    ]);
  });

  it("cancels the upstream call when the client cancels", async () => {
    const client = await stack.connect();
    const controller = new AbortController();
    const call = client.callTool(
      { name: "everything__trigger-long-running-operation", arguments: { duration: 5, steps: 5 } },
      CallToolResultSchema,
      { signal: controller.signal, onprogress: () => controller.abort("user pressed escape") },
    );
    await expect(call).rejects.toThrow();
    await expect
      .poll(() => stack.calls.records.find((record) => record.status === "cancelled")?.tool, { timeout: 5_000 })
      .toBe("trigger-long-running-operation");
    // The server is still there for the next call.
    const echoed = await client.callTool({ name: "everything__echo", arguments: { message: "still here" } });
    expect(JSON.stringify(echoed.content)).toContain("still here");
  });

  it("lets a client resume a stream with Last-Event-ID", async () => {
    const client = await stack.connect();
    const headers = {
      authorization: `Bearer ${mcpKey}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-session-id": (client.transport as StreamableHTTPClientTransport).sessionId ?? "",
      "mcp-protocol-version": LATEST_PROTOCOL_VERSION,
    };
    const call = {
      jsonrpc: "2.0",
      id: 77,
      method: "tools/call",
      params: {
        name: "everything__trigger-long-running-operation",
        arguments: { duration: 0.3, steps: 3 },
        _meta: { progressToken: "resume-me" },
      },
    };
    const answer = await fetch(`${stack.server.url}/mcp`, { method: "POST", headers, body: JSON.stringify(call) });
    // Events that carry a message (the SDK may first send a priming event with an id and no data).
    const body = await answer.text();
    const events = body.split("\n\n").filter((event) => event.includes("data: {"));
    const ids = events.map((event) => /^id: (.+)$/m.exec(event)?.[1]);
    expect(events).toHaveLength(4); // three progress notifications, then the result
    expect(ids.every((id) => id !== undefined)).toBe(true);
    // The client "lost" the stream after the first event: it reconnects with that event's id.
    const controller = new AbortController();
    const resumed = await fetch(`${stack.server.url}/mcp`, {
      headers: { ...headers, "last-event-id": ids[0] ?? "" },
      signal: controller.signal,
    });
    expect(resumed.status).toBe(200);
    let replayed = "";
    const reader = resumed.body!.getReader();
    while (!replayed.includes('"id":77')) {
      const { value, done } = await reader.read();
      if (done) break;
      replayed += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(replayed).toContain('"progress":2');
    expect(replayed).toContain('"progress":3');
    expect(replayed).not.toContain('"progress":1,');
    expect(replayed).toContain("Long running operation completed");
  });

  it("aggregates resources (read by listed URI and by template) and prompts", async () => {
    const client = await stack.connect();
    const { resources } = await client.listResources();
    const document = resources.find((resource) => resource.uri.startsWith("demo://resource/static/document/"));
    expect(document?.name).toMatch(/^everything__/);
    const read = await client.readResource({ uri: document?.uri ?? "" });
    expect(read.contents[0]?.uri).toBe(document?.uri);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toContain(
      "demo://resource/dynamic/text/{resourceId}",
    );
    const dynamic = await client.readResource({ uri: "demo://resource/dynamic/text/7" });
    expect(dynamic.contents[0]?.uri).toBe("demo://resource/dynamic/text/7");
    await expect(client.readResource({ uri: "nowhere://nothing" })).rejects.toMatchObject({ code: -32002 });

    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toContain("everything__args-prompt");
    const prompt = await client.getPrompt({ name: "everything__args-prompt", arguments: { city: "Paris" } });
    expect(JSON.stringify(prompt.messages)).toContain("What's weather in Paris?");
  });

  it("passes an upstream server's JSON-RPC error through with its code, message and data", async () => {
    // The same request made directly to server-everything over stdio, then through /mcp.
    const direct = new Client({ name: "direct", version: "1.0.0" });
    await direct.connect(
      new StdioClientTransport({ command: process.execPath, args: [referenceServer.everything, "stdio"] }),
    );
    const caught = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error as McpError,
      );
    let expected: McpError | undefined;
    try {
      expected = await caught(direct.getPrompt({ name: "args-prompt", arguments: {} }));
    } finally {
      await direct.close();
    }
    expect(expected).toBeInstanceOf(McpError);
    const client = await stack.connect();
    const through = await caught(client.getPrompt({ name: "everything__args-prompt", arguments: {} }));
    expect(through).toBeInstanceOf(McpError);
    expect(through?.code).toBe(expected?.code);
    expect(through?.message).toBe(expected?.message);
    expect(through?.data).toEqual(expected?.data);
  });

  it("serves one server alone at /mcp/<server>, names unprefixed", async () => {
    const client = await stack.connect({ path: "/mcp/memory" });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toContain("create_entities");
    expect(tools.every((tool) => !tool.name.includes("__"))).toBe(true);
    const graph = await client.callTool({ name: "read_graph", arguments: {} });
    expect(graph.isError).toBeFalsy();
  });

  it("reports a server crashing mid-call clearly and restarts it for the next call", async () => {
    const client = await stack.connect();
    const everything = stack.gateway.registry.get("everything");
    await client.callTool({ name: "everything__echo", arguments: { message: "warm up" } });
    const pid = everything?.state().pid;
    expect(pid).toBeTypeOf("number");
    const call = client.callTool(
      { name: "everything__trigger-long-running-operation", arguments: { duration: 5, steps: 5 } },
      CallToolResultSchema,
      { onprogress: () => process.kill(pid as number, "SIGKILL") },
    );
    const failure = await call.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(McpError);
    expect((failure as McpError).code).toBe(ErrorCode.InternalError);
    expect((failure as McpError).message).toContain('The tool server "everything" exited during the call');
    const echoed = await client.callTool({ name: "everything__echo", arguments: { message: "back again" } });
    expect(JSON.stringify(echoed.content)).toContain("back again");
    const state = everything?.state();
    expect(state?.restarts).toBe(1);
    expect(state?.pid).not.toBe(pid);
    expect(stack.calls.records.some((record) => record.error?.includes("exited during the call"))).toBe(true);
  });

  it("keeps the gateway's own environment from stdio servers", async () => {
    process.env["SWITCHBOARD_TEST_SECRET"] = "gateway-secret-value";
    try {
      // Stopped, so that the next call starts it afresh with the variable set in this process.
      await stack.gateway.registry.get("everything")?.close();
      const everythingClient = await stack.connect();
      const env = await everythingClient.callTool({ name: "everything__get-env", arguments: {} });
      expect(JSON.stringify(env.content)).toContain("PATH");
      expect(JSON.stringify(env.content)).not.toContain("gateway-secret-value");
    } finally {
      delete process.env["SWITCHBOARD_TEST_SECRET"];
    }
  });
});
