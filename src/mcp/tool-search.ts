import { ErrorCode, type Tool } from "@modelcontextprotocol/sdk/types.js";
import MiniSearch from "minisearch";

import { mcpError } from "./mcp-errors.js";
/**
 * `mcp.tool_search: true`: `/mcp` lists these two tools instead of every server's tools. The
 * client finds what it needs with `search_tools` and calls it with `call_tool`, so hundreds of
 * tool definitions do not ride along in every model request. Ranking is MiniSearch's BM25+
 * over tool names (split into words) and descriptions: offline, no embeddings model needed.
 */
export const searchToolsName = "search_tools";
export const callToolName = "call_tool";

export const toolSearchTools: Tool[] = [
  {
    name: searchToolsName,
    description:
      "Search the tools available through this gateway by what they do. Returns the best matches with their " +
      "names, descriptions and input schemas; call one with call_tool.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "What the tool should do, in a few words." },
        limit: { type: "integer", minimum: 1, maximum: 50, description: "How many tools to return (default 8)." },
      },
      required: ["query"],
    },
  },
  {
    name: callToolName,
    description: "Call a tool found with search_tools, by its exact name, with arguments matching its input schema.",
    inputSchema: {
      type: "object",
      properties: {
        name: { type: "string", description: "The tool's name as search_tools returned it." },
        arguments: { type: "object", description: "The tool's arguments." },
      },
      required: ["name"],
    },
  },
];

/** `memory__create_entities` → `memory create entities`; `readFile` → `read File`. */
export function nameWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim();
}

/** The tools best matching `query`, best first. */
export function searchTools(tools: Tool[], query: string, limit = 8): Tool[] {
  const index = new MiniSearch<{ id: number; words: string; description: string }>({
    fields: ["words", "description"],
  });
  index.addAll(tools.map((tool, id) => ({ id, words: nameWords(tool.name), description: tool.description ?? "" })));
  const hits = index.search(query, { boost: { words: 2 }, prefix: true, fuzzy: 0.2 });
  return hits.slice(0, limit).map((hit) => tools[hit.id as number] as Tool);
}

/** The arguments of a `search_tools` or `call_tool` call, checked. */
export function readSearchArguments(args: Record<string, unknown> | undefined): { query: string; limit: number } {
  const query = args?.["query"];
  const limit = args?.["limit"] ?? 8;
  if (typeof query !== "string" || query.trim() === "")
    throw mcpError(ErrorCode.InvalidParams, "search_tools: `query` must be a non-empty string.");
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1)
    throw mcpError(ErrorCode.InvalidParams, "search_tools: `limit` must be a positive integer.");
  return { query, limit: Math.min(limit, 50) };
}

export function readCallArguments(args: Record<string, unknown> | undefined): {
  name: string;
  arguments: Record<string, unknown>;
} {
  const name = args?.["name"];
  const callArguments = args?.["arguments"] ?? {};
  if (typeof name !== "string" || name === "")
    throw mcpError(ErrorCode.InvalidParams, "call_tool: `name` must be a tool name from search_tools.");
  if (typeof callArguments !== "object" || callArguments === null || Array.isArray(callArguments))
    throw mcpError(ErrorCode.InvalidParams, "call_tool: `arguments` must be an object.");
  return { name, arguments: callArguments as Record<string, unknown> };
}
