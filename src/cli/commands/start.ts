import { Option, type Command } from "commander";
import { ConfigError } from "../../config/config-error.js";
import { loadConfig, type ConfigFlags, type LoadedConfig } from "../../config/load-config.js";
import { watchConfigFile } from "../../config/watch-config-file.js";
import { reloadConfig } from "../../gateway/reload-config.js";
import { SetupError } from "../../errors/index.js";
import { createLogger, type Logger } from "../../lib/logger.js";
import { startServer, type RunningServer } from "../../server/node.js";
import { describeStore } from "../../store/describe-store.js";
import type { UsageStore } from "../../store/usage-store.js";
import { describeExplicitTargets } from "../describe-explicit-targets.js";
import { describeStartup } from "../describe-startup.js";
import { describeListFailure, loginRefusal, type ListFailure } from "../startup/describe-list-failure.js";
import { explainListenFault } from "../startup/explain-listen-fault.js";
import { gatewayFiles, removeGatewayState, runningGateway, writeGatewayState } from "../support/gateway-state.js";
import { DetachError } from "../support/start-detached.js";
import { detachRequestOf, runStartDetached, startArgumentsOf } from "./start-detach.js";

/** How long a stopping gateway lets streams in flight finish before cutting them. */
export const defaultStopGraceSeconds = 10;

interface StartOptions {
  host?: string;
  port?: string;
  config?: string;
  watch?: boolean;
  detach?: boolean;
  /** Where a detached gateway records its pid, URL and start time (given by `--detach` to its child). */
  stateFile?: string;
  stopGrace?: string;
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

function withinStartupWait<Value>(promise: Promise<Value>): Promise<Value | undefined> {
  return Promise.race([
    promise,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000).unref()),
  ]);
}

/** Starts the server; a port in use or a bad host becomes a sentence saying what to do. */
async function listen(
  loaded: LoadedConfig,
  logger: Logger,
  usageStore: UsageStore | undefined,
  reloadProviders: () => Promise<void>,
): Promise<RunningServer> {
  try {
    return await startServer({
      config: loaded.config,
      configSource: loaded.source,
      env: loaded.env,
      configDir: loaded.configDir,
      logger,
      dashboard: { reloadProviders },
      ...(usageStore === undefined ? {} : { usageStore }),
    });
  } catch (error) {
    const { host, port } = loaded.config.server;
    const sentence = await explainListenFault(error, { host, port });
    if (sentence === undefined) throw error;
    throw new SetupError(sentence, { cause: error });
  }
}

/** Loads the config, starts the server, prints where it listens and what it can route. */
export async function runStart(
  options: StartOptions,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
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
  const store = loaded.config.store;
  // Loaded only with the store on: kysely and the database driver are RSS the laptop gateway need not carry.
  const usageStore = store.enabled
    ? await (await import("../../store/open-usage-store.js")).openUsageStore({ store, logger })
    : undefined;
  // After a sign-in from the dashboard, the config is read again as on SIGHUP (a new login may add Copilot).
  let reloadAfterSignIn: () => Promise<void> = async () => undefined;
  const server = await listen(loaded, logger, usageStore, () => reloadAfterSignIn());
  const failures: ListFailure[] = [];
  let bannerShown = false;
  // A slow provider must not hold up the banner; /v1/models has the full list.
  const [models, explicitTargetWarnings] = await Promise.all([
    withinStartupWait(
      server.gateway.listModels((failure) => {
        if (bannerShown) logger.warn({ err: failure.error, provider: failure.provider }, "could not list models");
        else failures.push(failure);
      }),
    ),
    withinStartupWait(describeExplicitTargets(server.gateway.table)),
  ]);
  const refusal = loginRefusal(failures, Object.keys(loaded.config.providers).length);
  if (refusal !== undefined) {
    await server.close();
    await usageStore?.close();
    throw refusal;
  }
  for (const line of describeStartup({ loaded, url: server.url, models })) print(line);
  print(describeStore(store, usageStore));
  for (const warning of explicitTargetWarnings ?? []) {
    logger.warn({ source: loaded.source }, `config: ${warning}`);
    print(`Warning: ${warning}`);
  }
  for (const failure of failures) printError(describeListFailure(failure));
  bannerShown = true;
  const { stateFile } = options;
  if (stateFile !== undefined)
    writeGatewayState(stateFile, {
      pid: process.pid,
      url: server.url,
      port: server.port,
      startedAt: new Date().toISOString(),
      ...(loaded.source === undefined ? {} : { config: loaded.source }),
    });
  const graceMs = Math.max(0, Number(options.stopGrace ?? defaultStopGraceSeconds) * 1000);
  let reloading = Promise.resolve();
  const reload = (): void => {
    // One reload at a time, in the order asked; a refused one leaves the running config in place.
    // A throw must not reject the chain: that would be an unhandled rejection (the process ends)
    // and every later reload would be skipped.
    reloading = reloading
      .then(async () => {
        await reloadConfig({
          gateway: server.gateway,
          ...(server.mcp !== undefined && { toolServers: server.mcp }),
          load: () => loadConfig({ flags }),
          logger,
        });
      })
      .catch((error: unknown) =>
        logger.error({ err: error }, "config reload failed; the previous config stays in use"),
      );
  };
  reloadAfterSignIn = async () => {
    reload();
    await reloading;
  };
  process.on("SIGHUP", reload);
  const watcher =
    options.watch === true && loaded.source !== undefined ? watchConfigFile(loaded.source, reload) : undefined;
  const stop = (): void => {
    watcher?.close();
    process.off("SIGHUP", reload);
    logger.info({ graceMs }, "stopping: finishing the requests in flight");
    void server.close({ graceMs }).then(
      () => {
        if (stateFile !== undefined) removeGatewayState(stateFile, process.pid);
        process.exit(0);
      },
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

/**
 * A gateway started in the foreground records itself in the data folder too, so that `status`,
 * `stop` and `start --detach` find it on whatever port it was given. It leaves a record that a
 * gateway still alive wrote alone (a second gateway on another port is found by `status --port`).
 */
function foregroundStateFile(): string | undefined {
  return runningGateway(process.env) === undefined ? gatewayFiles(process.env).stateFile : undefined;
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
    .option("--detach", "run in the background; pid and log file in the data folder (see `status`, `logs`, `stop`)")
    .option(
      "--stop-grace <seconds>",
      `on SIGTERM, how long streams in flight may finish (default ${defaultStopGraceSeconds})`,
    )
    .addOption(new Option("--state-file <file>").hideHelp())
    .action(async (options: StartOptions) => {
      try {
        if (options.detach === true) {
          await runStartDetached(startArgumentsOf(options), detachRequestOf(options));
          return;
        }
        await runStart({ ...options, stateFile: options.stateFile ?? foregroundStateFile() });
      } catch (error) {
        if (error instanceof ConfigError || error instanceof SetupError || error instanceof DetachError) {
          console.error(error.message);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}
