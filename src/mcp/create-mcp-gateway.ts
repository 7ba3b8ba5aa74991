import type { McpConfig } from "../config/mcp-schema.js";
import type { Logger } from "../lib/logger.js";
import { BoundedEventStore } from "./bounded-event-store.js";
import { buildSessionServer } from "./build-session-server.js";
import type { McpAccess } from "./mcp-access.js";
import type { McpCallSink } from "./mcp-call-record.js";
import { McpSessions } from "./mcp-sessions.js";
import {
  createEmbeddingRanker,
  rankToolsByBm25,
  type ToolEmbedder,
  type ToolRanker,
} from "./rank-tools-by-embedding.js";
import { ServerRegistry, type RegistryChanges } from "./server-registry.js";

export interface McpGatewayOptions {
  config: McpConfig;
  access: McpAccess;
  sink: McpCallSink;
  logger: Logger;
  /** Sessions without a request for this long are closed. Default 30 minutes. */
  sessionIdleMs?: number;
  /** First restart delay after a server crash (tests shorten it). */
  backoffBaseMs?: number;
  /** Embeddings for `search_tools` when `mcp.tool_search_model` is set (the gateway's own path). */
  embed?: ToolEmbedder;
}

/** The MCP gateway: the configured servers, the client sessions, and how a session's server is built. */
export interface McpGateway {
  config: McpConfig;
  access: McpAccess;
  registry: ServerRegistry;
  sessions: McpSessions;
  buildServer: (
    options: Omit<Parameters<typeof buildSessionServer>[0], "sink" | "rank">,
  ) => ReturnType<typeof buildSessionServer>;
  logger: Logger;
  /**
   * Follows a reloaded config: servers removed, replaced or added (see `ServerRegistry.update`),
   * and `mcp.tool_search` / `tool_search_model` for sessions opened from now on. No `mcp_servers` left: all are removed.
   */
  reload(config: McpConfig | undefined): Promise<RegistryChanges>;
  close(): Promise<void>;
}

export function createMcpGateway(options: McpGatewayOptions): McpGateway {
  const registry = new ServerRegistry(options.config, options.logger, {
    ...(options.backoffBaseMs !== undefined && { backoffBaseMs: options.backoffBaseMs }),
  });
  const sessions = new McpSessions({
    idleMs: options.sessionIdleMs ?? 30 * 60_000,
    maxMessageBytes: options.config.maxMessageBytes,
    // Resumable streams: a client may reconnect with Last-Event-ID and get what it missed.
    eventStore: () => new BoundedEventStore(),
  });
  // One embeddings ranker (and its tool vectors) per model; a reload to another model starts afresh.
  let embeddingRanker: { model: string; rank: ToolRanker } | undefined;
  const currentRanker = (): ToolRanker => {
    const model = gateway.config.toolSearchModel;
    if (model === undefined || options.embed === undefined) return rankToolsByBm25;
    if (embeddingRanker?.model !== model)
      embeddingRanker = { model, rank: createEmbeddingRanker({ model, embed: options.embed, logger: options.logger }) };
    return embeddingRanker.rank;
  };
  const gateway: McpGateway = {
    config: options.config,
    access: options.access,
    registry,
    sessions,
    logger: options.logger,
    buildServer: (serverOptions) => buildSessionServer({ ...serverOptions, sink: options.sink, rank: currentRanker() }),
    async reload(config) {
      const next = config ?? { ...gateway.config, servers: [] };
      gateway.config = next;
      return registry.update(next);
    },
    async close() {
      await sessions.close();
      await registry.close();
    },
  };
  return gateway;
}
