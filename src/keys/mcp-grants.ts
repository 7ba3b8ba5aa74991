import { KeyInputError } from "./parse-limits.js";

/**
 * A key's grants on the MCP gateway (`--mcp`), by the names in the config:
 * - `memory`: every tool of the server `memory`;
 * - `filesystem/read_file`: that one tool of `filesystem`;
 * - `*`: every configured server, those added later included.
 * A key without grants may use no tool server (least privilege: tool servers read files and hold
 * secrets, and a key made for model calls should not reach them unasked).
 */
export type McpGrants = string[];

export const everyServer = "*";

// The config's rule for server names (config/mcp-schema.ts): letters, digits, _ and -.
const serverName = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** `memory,filesystem/read_file` (or a JSON list of the same) → the grants, checked and without repeats. */
export function parseMcpGrants(field: string, value: unknown): McpGrants {
  const list = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== "string")) {
    throw new KeyInputError(field, `${field}: expected a list of tool servers, e.g. memory,filesystem/read_file.`);
  }
  const grants: string[] = [];
  for (const raw of (list as string[]).map((entry) => entry.trim()).filter((entry) => entry !== "")) {
    const slash = raw.indexOf("/");
    const server = slash === -1 ? raw : raw.slice(0, slash);
    const tool = slash === -1 ? undefined : raw.slice(slash + 1);
    if (raw === everyServer) {
      grants.push(raw);
      continue;
    }
    if (!serverName.test(server) || server.includes("__")) {
      throw new KeyInputError(
        field,
        `${field} "${raw}": a server name is letters, digits, _ and - (write server or server/tool, or * for every server).`,
      );
    }
    if (tool !== undefined && tool.trim() === "") {
      throw new KeyInputError(field, `${field} "${raw}": name the tool after the slash, or grant the whole server.`);
    }
    grants.push(tool === undefined || tool === "*" ? server : `${server}/${tool}`);
  }
  if (grants.length === 0) {
    throw new KeyInputError(field, `${field}: name at least one tool server (or * for all of them).`);
  }
  return [...new Set(grants)];
}

/** Whether the grants reach a server (any of its tools), or one tool of it when `tool` is given. */
export function mcpGrantAllows(grants: McpGrants | undefined, server: string, tool?: string): boolean {
  if (grants === undefined) return false;
  if (grants.includes(everyServer) || grants.includes(server)) return true;
  if (tool === undefined) return grants.some((grant) => grant.startsWith(`${server}/`));
  return grants.includes(`${server}/${tool}`);
}
