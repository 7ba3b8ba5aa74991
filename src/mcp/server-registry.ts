import { isDeepStrictEqual } from "node:util";
import type { McpConfig, McpServerConfig } from "../config/mcp-schema.js";
import type { Logger } from "../lib/logger.js";
import { ServerConnection, type ServerState } from "./server-connection.js";

/** What a reload did to the servers, by name. */
export interface RegistryChanges {
  added: string[];
  removed: string[];
  replaced: string[];
  unchanged: string[];
}

/** The fields that make a server's process (or remote link): a change to one of them restarts the server. */
function processDefinition(server: McpServerConfig): unknown {
  const { transport, command, args, env, cwd, url, headers } = server;
  return { transport, command, args, env, cwd, url, headers };
}

/** The configured tool servers by name; none is started until something uses it. */
export class ServerRegistry {
  private readonly connections = new Map<string, ServerConnection>();
  /** Servers a reload removed (and not added back): sessions that name one are told so. */
  private readonly removed = new Set<string>();

  constructor(
    config: McpConfig,
    private readonly logger: Logger,
    private readonly options: { backoffBaseMs?: number } = {},
  ) {
    for (const server of config.servers) this.connections.set(server.name, this.connectionFor(server, config));
  }

  get(name: string): ServerConnection | undefined {
    return this.connections.get(name);
  }

  all(): ServerConnection[] {
    return [...this.connections.values()];
  }

  states(): ServerState[] {
    return this.all().map((connection) => connection.state());
  }

  /** Whether `name` was configured once and a reload removed it. */
  wasRemoved(name: string): boolean {
    return this.removed.has(name);
  }

  /**
   * Follows a reloaded config: removed servers are stopped and forgotten, servers whose command,
   * arguments, environment, folder, URL or headers changed are stopped and replaced (started again
   * on demand), the others keep running. The swap is immediate; the promise ends when the stopped
   * servers have exited.
   */
  async update(config: McpConfig): Promise<RegistryChanges> {
    const changes: RegistryChanges = { added: [], removed: [], replaced: [], unchanged: [] };
    const retiring: Array<Promise<void>> = [];
    const wanted = new Map(config.servers.map((server) => [server.name, server]));
    for (const [name, connection] of this.connections) {
      if (wanted.has(name)) continue;
      this.connections.delete(name);
      this.removed.add(name);
      changes.removed.push(name);
      retiring.push(connection.retire(`The MCP server "${name}" is no longer configured.`));
    }
    for (const [name, server] of wanted) {
      const current = this.connections.get(name);
      if (current !== undefined && isDeepStrictEqual(processDefinition(current.server), processDefinition(server))) {
        current.server = server;
        changes.unchanged.push(name);
        continue;
      }
      if (current !== undefined) {
        retiring.push(current.retire(`The MCP server "${name}" was reconfigured; call again.`));
        changes.replaced.push(name);
      } else {
        changes.added.push(name);
      }
      this.removed.delete(name);
      this.connections.set(name, this.connectionFor(server, config));
    }
    await Promise.allSettled(retiring);
    this.logger.info({ mcpServers: changes }, "mcp servers reloaded");
    return changes;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.all().map((connection) => connection.close()));
  }

  private connectionFor(server: McpServerConfig, config: McpConfig): ServerConnection {
    return new ServerConnection({ server, logger: this.logger, idleStopMs: config.idleStopMs, ...this.options });
  }
}
