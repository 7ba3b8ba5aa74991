import type { Command } from "commander";
import { ConfigError } from "../../config/config-error.js";
import { loadConfig, type ConfigFlags, type LoadedConfig } from "../../config/load-config.js";
import { watchConfigFile } from "../../config/watch-config-file.js";
import { reloadConfig } from "../../gateway/reload-config.js";
import { openKeyStore } from "../../keys/open-key-database.js";
import { createLogger } from "../../lib/logger.js";
import { startServer, type RunningServer } from "../../server/node.js";
import { describeStartup } from "../describe-startup.js";

interface StartOptions {
  host?: string;
  port?: string;
  config?: string;
  watch?: boolean;
}

function flagsFrom(options: StartOptions): ConfigFlags {
  const flags: ConfigFlags = {};
  if (options.config !== undefined) flags.config = options.config;
  if (options.host !== undefined) flags.host = options.host;
  if (options.port !== undefined) {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError(`--port ${options.port}: expected an integer from 0 to 65535.`);
    flags.port = port;
  }
  return flags;
}

/** Loads the config, starts the server, prints where it listens and what it can route. */
export async function runStart(
  options: StartOptions,
  print: (line: string) => void = console.log,
): Promise<RunningServer> {
  const flags = flagsFrom(options);
  const loaded: LoadedConfig = await loadConfig({ flags });
  const logger = createLogger({ level: loaded.config.server.logLevel });
  if (loaded.format === "litellm") print(`Config ${loaded.source ?? ""} is a LiteLLM proxy config; converted.`);
  for (const warning of loaded.warnings ?? []) {
    // Never ignored silently: every key Switchboard does not apply is named at start-up.
    logger.warn({ source: loaded.source }, `config: ${warning}`);
    print(`Warning: ${warning}`);
  }
  const server = await startServer({
    config: loaded.config,
    env: loaded.env,
    configDir: loaded.configDir,
    logger,
    // `switchboard keys` writes here when no key database is configured.
    keyStore: await openKeyStore({ databaseUrl: loaded.config.teams?.keysDatabaseUrl, configDir: loaded.configDir }),
  });
  const models = await Promise.race([
    server.gateway.listModels(),
    // A slow provider must not hold up the banner; /v1/models has the full list.
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000).unref()),
  ]);
  for (const line of describeStartup({ loaded, url: server.url, models })) print(line);
  let reloading = Promise.resolve();
  const reload = (): void => {
    // One reload at a time, in the order asked; a refused one leaves the running config in place.
    // A throw must not reject the chain: that would be an unhandled rejection (the process ends)
    // and every later reload would be skipped.
    reloading = reloading
      .then(async () => {
        await reloadConfig({ gateway: server.gateway, load: () => loadConfig({ flags }), logger });
      })
      .catch((error: unknown) =>
        logger.error({ err: error }, "config reload failed; the previous config stays in use"),
      );
  };
  process.on("SIGHUP", reload);
  const watcher =
    options.watch === true && loaded.source !== undefined ? watchConfigFile(loaded.source, reload) : undefined;
  const stop = (): void => {
    watcher?.close();
    process.off("SIGHUP", reload);
    void server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return server;
}

export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("start the gateway")
    .option("--host <host>", "interface to listen on (env HOST; default 127.0.0.1)")
    .option("--port <port>", "port to listen on (env PORT; default 4000)")
    .option(
      "--config <file>",
      "config file, Switchboard's or a LiteLLM proxy config.yaml (default ./switchboard.yaml, then ~/.config/switchboard/config.yaml)",
    )
    .option("--watch", "reload the config file when it changes (SIGHUP always reloads it)")
    .action(async (options: StartOptions) => {
      try {
        await runStart(options);
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(error.message);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}
