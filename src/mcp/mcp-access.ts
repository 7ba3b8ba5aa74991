import { keyMatches } from "../lib/client-key.js";

/**
 * Who may use which tool server and tool. The master-key implementation is here; the keys work
 * (per-key allowances such as `--mcp memory,filesystem`) plugs in its own `McpAccess`. Grants
 * name servers and tools by their configured names, so removing one from the config removes
 * every grant of it at once.
 */
export interface McpAccess {
  /** The principal behind a presented key, or undefined when the key is not accepted (401). */
  authenticate(presentedKey: string | undefined): McpPrincipal | undefined;
}

export interface McpPrincipal {
  /** Names the key in usage records; never the key itself. */
  keyId: string;
  mayUseServer(server: string): boolean;
  mayUseTool(server: string, tool: string): boolean;
}

const everything: Omit<McpPrincipal, "keyId"> = {
  mayUseServer: () => true,
  mayUseTool: () => true,
};

/** The same key as the model API (`server.api_key` / PROXY_API_KEY); no key configured means open, as there. */
export function createMasterKeyAccess(apiKey: string | undefined): McpAccess {
  return {
    authenticate(presentedKey) {
      if (apiKey === undefined) return { keyId: "anonymous", ...everything };
      return keyMatches(presentedKey, apiKey) ? { keyId: "master", ...everything } : undefined;
    },
  };
}

/** An allowance: servers a key may use, and optionally only some tools of them. */
export interface McpAllowance {
  keyId: string;
  servers: string[];
  /** `server` → tool names; a server not named here allows all its tools. */
  tools?: Record<string, string[]>;
}

/** Keys with fixed allowances (tests; the shape the keys work is expected to provide). */
export function createAllowanceAccess(allowances: Map<string, McpAllowance>, fallback?: McpAccess): McpAccess {
  return {
    authenticate(presentedKey) {
      for (const [key, allowance] of allowances) {
        if (!keyMatches(presentedKey, key)) continue;
        return {
          keyId: allowance.keyId,
          mayUseServer: (server) => allowance.servers.includes(server),
          mayUseTool: (server, tool) =>
            allowance.servers.includes(server) && (allowance.tools?.[server]?.includes(tool) ?? true),
        };
      }
      return fallback?.authenticate(presentedKey);
    },
  };
}
