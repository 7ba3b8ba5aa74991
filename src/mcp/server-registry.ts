import type { McpConfig } from "../config/mcp-schema.js";
import type { Logger } from "../lib/logger.js";
import { ServerConnection, type ServerState } from "./server-connection.js";

/** The configured tool servers by name; none is started until something uses it. */
export class ServerRegistry {
  private readonly connections = new Map<string, ServerConnection>();

  constructor(config: McpConfig, logger: Logger, options: { backoffBaseMs?: number } = {}) {
    for (const server of config.servers) {
      this.connections.set(
        server.name,
        new ServerConnection({ server, logger, idleStopMs: config.idleStopMs, ...options }),
      );
    }
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

  async close(): Promise<void> {
    await Promise.allSettled(this.all().map((connection) => connection.close()));
  }
}
