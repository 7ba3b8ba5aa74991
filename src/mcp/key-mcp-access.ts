import { GatewayError } from "../errors/gateway-error.js";
import type { KeyAuthenticator } from "../keys/key-authenticator.js";
import { mcpGrantAllows } from "../keys/mcp-grants.js";
import type { RequestAccess } from "../limits/request-access.js";
import type { McpAccess, McpPrincipal } from "./mcp-access.js";

/**
 * `/mcp` under the model API's keys: the master key (and an open gateway) may use every server;
 * a virtual key only what its `--mcp` grants name, none without one. Revoked and expired keys
 * are refused (401) on their next request, sessions included: every request authenticates again.
 * Each tool call passes the key's limits through the same `RequestAccess` as model requests.
 */
export function createKeyMcpAccess(options: { authenticator: KeyAuthenticator; access: RequestAccess }): McpAccess {
  const { authenticator, access } = options;
  return {
    async authenticate(presented) {
      const principal = await authenticator.authenticate(presented);
      // The admin key manages Switchboard; tool servers act (files, tickets, secrets), so it may not.
      if (principal.kind === "admin") {
        throw new GatewayError(
          "permission",
          "The admin key (server.admin_key) manages Switchboard and may not act through tool servers; use the master key or a virtual key with --mcp grants.",
        );
      }
      const admitCall: McpPrincipal["admitCall"] = async (call) => {
        const grant = await access.admit({
          principal,
          model: undefined,
          requestId: call.callId,
          bodyBytes: 0,
        });
        // A tool call costs no tokens and no money: it counts as one request while it runs.
        return () => grant?.settle({ costUsd: 0, premiumSpent: 0 });
      };
      if (principal.kind !== "key") {
        return {
          keyId: principal.kind === "master" ? "master" : "anonymous",
          apiPrincipal: principal,
          mayUseServer: () => true,
          mayUseTool: () => true,
          describeGrants: () => "every server",
          admitCall,
        };
      }
      const { key } = principal;
      return {
        keyId: key.id,
        apiPrincipal: principal,
        mayUseServer: (server) => mcpGrantAllows(key.mcp, server),
        mayUseTool: (server, tool) => mcpGrantAllows(key.mcp, server, tool),
        describeGrants: () => (key.mcp === undefined ? "no tool server (it has no --mcp grant)" : key.mcp.join(", ")),
        hasNoGrants: key.mcp === undefined || key.mcp.length === 0,
        admitCall,
      };
    },
  };
}
