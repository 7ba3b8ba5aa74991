import type { FastifyInstance } from "fastify";
import type { Config } from "../config/schema.js";
import { userConfigDir } from "../config/find-config-file.js";
import { createProviders } from "../gateway/create-providers.js";
import { createGateway, type Gateway } from "../gateway/gateway.js";
import { createLogger, type Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import { createLogUsageSink } from "../store/log-usage-sink.js";
import { createGatewayMetrics } from "../store/metrics.js";
import { fanOutUsage } from "../store/fan-out-usage.js";
import { pollPremiumQuota } from "../store/poll-premium-quota.js";
import type { UsageSink } from "../store/usage-record.js";
import type { KeyStore } from "../keys/key-store.js";
import type { McpGateway } from "../mcp/create-mcp-gateway.js";
import type { UsageStore } from "../store/usage-store.js";
import { buildApp, type BuildAppOptions } from "./app.js";
import { closeGracefully } from "./close-gracefully.js";
import type { DashboardOptions } from "./dashboard/register-dashboard.js";
import { teeUsageSink } from "./dashboard/live-usage-feed.js";
import { registerCoordinationMetrics } from "../limits/coordination-metrics.js";
import { createTeamsServices } from "./teams-services.js";

export interface StartServerOptions {
  config: Config;
  /** Overrides `config.server.port`; 0 picks a free port. */
  port?: number;
  /** Overrides `config.server.host`. */
  host?: string;
  /** Ready-made providers (tests, the e2e suite). Default: built from `config.providers` through the provider registry. */
  providers?: Map<string, Provider> | Provider[];
  /** Where usage records go besides the store and the metrics. Default: the log. */
  usageSink?: UsageSink;
  /** The usage store (`openUsageStore`): records are kept, the admin API reads them, and closing the server closes it. */
  usageStore?: UsageStore;
  logger?: Logger;
  /** The config file, named when a provider entry is refused. */
  configSource?: string | undefined;
  /** Environment handed to provider factories. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The user's Switchboard directory for provider tokens. Default: `$XDG_CONFIG_HOME/switchboard`. */
  configDir?: string;
  /** The dashboard's seams (how providers are rebuilt after a browser sign-in, test waits). */
  dashboard?: DashboardOptions;
  /** Where virtual keys live. Default: the usage store's database, else memory. */
  keyStore?: KeyStore;
  /** The MCP gateway's access policy and call sink (defaults: the client key, the log). */
  mcp?: BuildAppOptions["mcp"];
}

export interface RunningServer {
  /** `http://host:port`, without a trailing slash or `/v1`. */
  url: string;
  host: string;
  port: number;
  app: FastifyInstance;
  gateway: Gateway;
  /** The MCP gateway, when `mcp_servers:` was configured at start (a reload follows its servers). */
  mcp?: McpGateway;
  usageStore?: UsageStore;
  /**
   * Stops listening, ends open connections and closes the providers. With `graceMs`, requests in
   * flight (streams) get that long to finish before their connections are cut.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

function providerMap(providers: Map<string, Provider> | Provider[]): Map<string, Provider> {
  return providers instanceof Map ? providers : new Map(providers.map((provider) => [provider.id, provider]));
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Builds the gateway and listens. The one function to start Switchboard in-process. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.server.logLevel });
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? userConfigDir(env);
  const providers =
    options.providers === undefined
      ? createProviders({ config, env, configDir, logger, source: options.configSource })
      : providerMap(options.providers);
  const store = options.usageStore;
  const teams = await createTeamsServices({
    config,
    logger,
    ...(options.keyStore === undefined ? {} : { keyStore: options.keyStore }),
    ...(store === undefined ? {} : { usageStore: store }),
  });
  let coolingCount = (): number => 0;
  const metrics = createGatewayMetrics({
    ...(store === undefined ? {} : { storeHealth: () => store.health() }),
    deploymentsInCooldown: () => coolingCount(),
  });
  registerCoordinationMetrics(metrics.registry, () => teams.coordination());
  // The dashboard's live feed sees every row recorded, with or without the store.
  const { sink, feed } = teeUsageSink(
    fanOutUsage({ store, log: options.usageSink ?? createLogUsageSink(logger), metrics }),
  );
  const gateway = createGateway({
    config,
    providers,
    usageSink: sink,
    logger,
    access: teams.access,
    cache: teams.cache,
    // A reload (SIGHUP, the dashboard's GitHub sign-in) may bring Copilot providers: polled at once.
    onReload: () => quotaPoller?.sourcesChanged(),
  });
  coolingCount = () => gateway.health.coolingCount();
  teams.shareCooldowns(gateway.health);
  // The current providers on every poll, never the ones the server started with.
  const quotaPoller =
    store === undefined
      ? undefined
      : pollPremiumQuota({ sources: () => gateway.table.providers.values(), store, logger });
  let mcpGateway: McpGateway | undefined;
  const app = buildApp({
    config,
    gateway,
    logger,
    teams,
    usage: { store, metrics },
    dashboard: { feed, env, configDir, ...options.dashboard },
    mcp: {
      ...options.mcp,
      onGateway: (built) => {
        mcpGateway = built;
        options.mcp?.onGateway?.(built);
      },
    },
  });
  const host = options.host ?? config.server.host;
  try {
    await app.listen({ host, port: options.port ?? config.server.port });
  } catch (error) {
    // Not listening: the providers and their timers go, so the process can end with the error.
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.port ?? config.server.port);
  return {
    url: `http://${urlHost(host)}:${port}`,
    host,
    port,
    app,
    gateway,
    ...(mcpGateway !== undefined && { mcp: mcpGateway }),
    ...(store === undefined ? {} : { usageStore: store }),
    close: async (closeOptions = {}) => {
      quotaPoller?.stop();
      if (closeOptions.graceMs === undefined || closeOptions.graceMs <= 0) {
        app.server.closeAllConnections();
        await app.close();
      } else {
        await closeGracefully(app, closeOptions.graceMs);
      }
      // After the requests: once each is over its row is queued, and closing the store writes them.
      await gateway.settled(2_000);
      await store?.close();
    },
  };
}
