import type { LoadedConfig } from "../config/load-config.js";
import type { McpConfig } from "../config/mcp-schema.js";
import type { Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import { createProviders } from "./create-providers.js";
import { settingsNeedingRestart } from "./settings-needing-restart.js";
import type { Gateway } from "./gateway.js";

export type ReloadResult = { ok: true; warnings: string[] } | { ok: false; reason: string };

/**
 * Reads the config again and, when it is valid and its providers build, swaps it in for new
 * requests. Requests in flight finish on the old config; its providers close when they are done.
 * A broken config is refused: the old one stays, and the reason is logged and returned.
 */
export async function reloadConfig(options: {
  gateway: Gateway;
  load: () => Promise<LoadedConfig>;
  logger: Logger;
  /** The MCP gateway's servers, when it runs: they follow the reloaded `mcp_servers:`. */
  toolServers?: { reload(config: McpConfig | undefined): Promise<unknown> };
  /** Builds providers (tests pass ready-made ones); default: the provider registry. */
  buildProviders?: (loaded: LoadedConfig) => Map<string, Provider>;
}): Promise<ReloadResult> {
  const { gateway, logger } = options;
  let loaded: LoadedConfig;
  let providers: Map<string, Provider>;
  try {
    loaded = await options.load();
    providers =
      options.buildProviders?.(loaded) ??
      createProviders({
        config: loaded.config,
        env: loaded.env,
        configDir: loaded.configDir,
        logger,
        source: loaded.source,
      });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error({ reason }, "config reload refused; the previous config stays in use");
    return { ok: false, reason };
  }
  const unapplied = settingsNeedingRestart(gateway.startConfig, loaded.config);
  const warnings = [
    ...(loaded.warnings ?? []),
    ...(unapplied.length === 0
      ? []
      : [
          `${unapplied.join(", ")} changed, which a reload does not apply: the running values stay until Switchboard restarts`,
        ]),
  ];
  for (const warning of warnings) logger.warn({ source: loaded.source }, `config: ${warning}`);
  const drained = gateway.reload({ config: loaded.config, providers });
  logger.info(
    { source: loaded.source, routes: Object.keys(loaded.config.routes), providers: [...providers.keys()] },
    "config reloaded; requests in flight finish on the previous one",
  );
  if (options.toolServers !== undefined) {
    // The config is valid by now (a broken `mcp_servers:` was refused above with the rest).
    await options.toolServers
      .reload(loaded.config.mcp)
      .catch((error: unknown) => logger.warn({ err: error }, "stopping the removed MCP servers failed"));
  } else if ((loaded.config.mcp?.servers.length ?? 0) > 0) {
    logger.warn("config: mcp_servers was added after start; restart Switchboard to serve /mcp");
  }
  drained.then(
    () => logger.debug("previous config's providers closed"),
    (error: unknown) => logger.warn({ err: error }, "closing the previous config's providers failed"),
  );
  return { ok: true, warnings };
}
