import type { Command } from "commander";
import { ConfigError } from "../../config/config-error.js";
import { loadConfig, type ConfigFlags, type LoadedConfig } from "../../config/load-config.js";
import { createLogger } from "../../lib/logger.js";
import { startServer, type RunningServer } from "../../server/node.js";
import { describeStartup } from "../describe-startup.js";

interface StartOptions {
  host?: string;
  port?: string;
  config?: string;
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
  const loaded: LoadedConfig = await loadConfig({ flags: flagsFrom(options) });
  const logger = createLogger({ level: loaded.config.server.logLevel });
  const server = await startServer({ config: loaded.config, env: loaded.env, configDir: loaded.configDir, logger });
  const models = await Promise.race([
    server.gateway.listModels(),
    // A slow provider must not hold up the banner; /v1/models has the full list.
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000).unref()),
  ]);
  for (const line of describeStartup({ loaded, url: server.url, models })) print(line);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
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
    .option("--config <file>", "config file (default ./switchboard.yaml, then ~/.config/switchboard/config.yaml)")
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
