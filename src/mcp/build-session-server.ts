import { setValidatedHandler } from "./set-validated-handler.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { forwardToolCall } from "./forward-tool-call.js";
import type { McpCallSink } from "./mcp-call-record.js";
import { registerPromptHandlers } from "./register-prompt-handlers.js";
import { registerResourceHandlers } from "./register-resource-handlers.js";
import type { ToolRanker } from "./rank-tools-by-embedding.js";
import { listTools, type SessionScope } from "./tool-catalog.js";
import {
  callToolName,
  readCallArguments,
  readSearchArguments,
  searchToolsName,
  toolSearchTools,
} from "./tool-search.js";

export interface SessionServerOptions {
  scope: SessionScope;
  sink: McpCallSink;
  /** List `search_tools`/`call_tool` instead of the servers' tools (`/mcp` with `mcp.tool_search`). */
  toolSearch: boolean;
  /** How `search_tools` ranks: BM25, or embeddings when `mcp.tool_search_model` is set. */
  rank: ToolRanker;
}

/**
 * The SDK server one client session talks to. It holds no tools of its own: each request is
 * answered from the upstream servers in the session's scope. Requests the servers might send
 * back (sampling, elicitation, roots) are not relayed, so none is advertised to them.
 */
export function buildSessionServer(options: SessionServerOptions): Server {
  const { scope, sink, toolSearch, rank } = options;
  const server = new Server(
    { name: "switchboard", version: "0.1.0" },
    {
      capabilities: { tools: {}, resources: {}, prompts: {} },
      instructions: toolSearch
        ? "Tools from several servers are behind search_tools: search for what you need, then use call_tool."
        : undefined,
    },
  );

  setValidatedHandler(server, ListToolsRequestSchema, async () => ({
    tools: toolSearch ? toolSearchTools : await listTools(scope),
  }));

  setValidatedHandler(server, CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args, _meta: meta } = request.params;
    if (toolSearch && name === searchToolsName) {
      const { query, limit } = readSearchArguments(args);
      const ranked = await rank({
        tools: await listTools(scope),
        query,
        limit,
        principal: scope.principal.apiPrincipal,
        signal: extra.signal,
      });
      const found = ranked.map((tool) => ({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.inputSchema,
      }));
      return { content: [{ type: "text", text: JSON.stringify(found, null, 1) }], structuredContent: { tools: found } };
    }
    const call = toolSearch && name === callToolName ? readCallArguments(args) : { name, arguments: args };
    return forwardToolCall({
      scope,
      sink,
      extra,
      request: { ...call, ...(meta?.progressToken !== undefined && { meta: { progressToken: meta.progressToken } }) },
    });
  });

  registerResourceHandlers(server, scope);
  registerPromptHandlers(server, scope);
  return server;
}
