import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { readCallArguments, readSearchArguments, searchTools } from "./tool-search.js";

const tool = (name: string, description: string): Tool => ({ name, description, inputSchema: { type: "object" } });

const tools = [
  tool("memory__create_entities", "Create multiple new entities in the knowledge graph"),
  tool("memory__read_graph", "Read the entire knowledge graph"),
  tool("filesystem__read_text_file", "Read the complete contents of a file from the file system as text"),
  tool("filesystem__write_file", "Create a new file or completely overwrite an existing file with new content"),
  tool("tracker__createIssue", "Open an issue in the team's tracker"),
];

describe("searchTools (BM25+ over names and descriptions)", () => {
  it("ranks by what the tool does", () => {
    expect(searchTools(tools, "read a file")[0]?.name).toBe("filesystem__read_text_file");
    expect(searchTools(tools, "knowledge graph entities")[0]?.name).toBe("memory__create_entities");
  });

  it("matches words inside names, camelCase included, and honours the limit", () => {
    expect(searchTools(tools, "create issue")[0]?.name).toBe("tracker__createIssue");
    expect(searchTools(tools, "graph", 1)).toHaveLength(1);
    expect(searchTools(tools, "zebra")).toEqual([]);
  });

  it("checks the arguments of its two tools", () => {
    expect(() => readSearchArguments({})).toThrow(/query/);
    expect(() => readSearchArguments({ query: "x", limit: 0 })).toThrow(/limit/);
    expect(readSearchArguments({ query: "x", limit: 500 }).limit).toBe(50);
    expect(() => readCallArguments({ name: "a", arguments: [] })).toThrow(/arguments/);
    expect(readCallArguments({ name: "a" })).toEqual({ name: "a", arguments: {} });
  });
});
