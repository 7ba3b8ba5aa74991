import { GatewayError } from "../errors/gateway-error.js";
import type { Principal } from "../keys/key-authenticator.js";
import { keyMatches } from "../lib/client-key.js";

/**
 * Who may use which tool server and tool, and whether a tool call is within the key's limits.
 * The gateway's own implementation reads virtual keys (key-mcp-access.ts); the ones here serve
 * tests and a gateway built without keys. Grants name servers and tools by their configured
 * names, so removing one from the config removes every grant of it at once.
 */
export interface McpAccess {
  /** The principal behind a presented key; throws a 401 `GatewayError` when it is missing, wrong, revoked or expired. */
  authenticate(presentedKey: string | undefined): Promise<McpPrincipal>;
}

/** What a tool call asks of the key's limits. */
export interface McpCallTicket {
  server: string;
  tool: string;
  /** Names this call in the limit counters. */
  callId: string;
}

export interface McpPrincipal {
  /** Names the key in usage records; never the key itself. */
  keyId: string;
  /** The model API's principal for this key: requests made on the caller's behalf (tool-search embeddings) carry it. */
  apiPrincipal?: Principal;
  mayUseServer(server: string): boolean;
  mayUseTool(server: string, tool: string): boolean;
  /** What the key may use, for refusals ("memory, filesystem/read_file"). */
  describeGrants(): string;
  /** A virtual key with no `--mcp` grant: `/mcp` refuses it at once, saying how to grant servers. */
  hasNoGrants?: boolean;
  /**
   * Counts one tool call against the key's rate and parallel limits; throws the refusal (a 429
   * `GatewayError`, retry time in its headers) when over one. Returns the release, called once
   * the call is over.
   */
  admitCall(call: McpCallTicket): Promise<() => void>;
}

const noRelease = async (): Promise<() => void> => () => undefined;

function everything(keyId: "anonymous" | "master"): McpPrincipal {
  return {
    keyId,
    apiPrincipal: { kind: keyId === "master" ? "master" : "open" },
    mayUseServer: () => true,
    mayUseTool: () => true,
    describeGrants: () => "every server",
    admitCall: noRelease,
  };
}

/** The refusal of a missing or wrong key, the same words as the model routes'. */
export function invalidMcpKeyError(): GatewayError {
  return new GatewayError(
    "authentication",
    "A valid Switchboard API key is required (x-api-key or Authorization: Bearer).",
  );
}

/** The master key only (`server.api_key` / PROXY_API_KEY), everything allowed; no key configured means open. */
export function createMasterKeyAccess(apiKey: string | undefined): McpAccess {
  return {
    async authenticate(presentedKey) {
      if (apiKey === undefined) return everything("anonymous");
      if (keyMatches(presentedKey, apiKey)) return everything("master");
      throw invalidMcpKeyError();
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

/** Keys with fixed allowances and no limits (tests). */
export function createAllowanceAccess(allowances: Map<string, McpAllowance>, fallback?: McpAccess): McpAccess {
  return {
    async authenticate(presentedKey) {
      for (const [key, allowance] of allowances) {
        if (!keyMatches(presentedKey, key)) continue;
        return {
          keyId: allowance.keyId,
          mayUseServer: (server) => allowance.servers.includes(server),
          mayUseTool: (server, tool) =>
            allowance.servers.includes(server) && (allowance.tools?.[server]?.includes(tool) ?? true),
          describeGrants: () => allowance.servers.join(", "),
          admitCall: noRelease,
        };
      }
      if (fallback === undefined) throw invalidMcpKeyError();
      return fallback.authenticate(presentedKey);
    },
  };
}
