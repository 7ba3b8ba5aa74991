import { readFileSync } from "node:fs";
import { fileFaultReason } from "../errors/index.js";
import { parse as parseYaml } from "yaml";
import { configParseOptions } from "../lib/zod-issues.js";
import { checkRouteTargets } from "./check-route-targets.js";
import { ConfigError, configErrorFromZod } from "./config-error.js";
import { defaults } from "./defaults.js";
import { detectImplicitProviders, type DetectableProviderTypes } from "./detect-implicit-providers.js";
import { expandEnv } from "./expand-env.js";
import { findConfigFile, userConfigDir } from "./find-config-file.js";
import { convertLitellmConfig, isLitellmConfig } from "./litellm/convert-litellm-config.js";
import { resolveMcpConfig } from "./mcp-schema.js";
import { normaliseRouter, normaliseRoutes } from "./normalise-routes.js";
import { readEnvironment } from "./read-dotenv.js";
import { resolveTeamsConfig } from "./teams-config.js";
import { resolveStore } from "./resolve-store.js";
import { configFileSchema, type Config, type ConfigFile, type ProviderConfig } from "./schema.js";

/** Command-line flags; they win over everything else. */
export interface ConfigFlags {
  config?: string;
  host?: string;
  port?: number;
}

export interface LoadConfigOptions {
  flags?: ConfigFlags;
  /** Defaults to `process.env`; a `.env` file in `cwd` fills what it lacks. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Provider types asked for implicit providers when none are configured (defaults to the registry). */
  providerTypes?: DetectableProviderTypes;
}

export interface LoadedConfig {
  config: Config;
  /** The environment after `.env` merging, to hand to provider factories. */
  env: NodeJS.ProcessEnv;
  configDir: string;
  /** The file read, if any. */
  source?: string;
  /** Ids of providers found in the environment rather than the config file. */
  implicitProviders: string[];
  /** `litellm` when the file was a LiteLLM proxy config, converted on load. */
  format?: "switchboard" | "litellm";
  /** What the file said that Switchboard does not do (LiteLLM keys it does not support); logged and printed at start-up. */
  warnings?: string[];
}

/** The config file's text; a file that cannot be read is named with the reason, not a stack. */
function readConfigFile(source: string): string {
  try {
    return readFileSync(source, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${source}: ${fileFaultReason(error)}.`);
  }
}

/** Reads and validates the config. Precedence: flags > environment > file > defaults. Throws `ConfigError`. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = readEnvironment(cwd, options.env ?? process.env);
  const configDir = userConfigDir(env);
  const source = findConfigFile({ flag: options.flags?.config, cwd, env });
  const read =
    source === undefined
      ? { file: {}, format: "switchboard" as const, warnings: [] }
      : readConfigText(source, readConfigFile(source), env);
  const config = resolveConfig(read.file, env, options.flags ?? {});
  const implicitProviders: string[] = [];
  if (Object.keys(config.providers).length === 0) {
    const found = await detectImplicitProviders({ env, configDir, providerTypes: options.providerTypes });
    for (const [id, entry] of Object.entries(found)) {
      config.providers[id] = entry;
      implicitProviders.push(id);
    }
  }
  const providerIds = Object.keys(config.providers);
  checkRouteTargets({ routes: config.routes, providerIds, source: source ?? "the environment" });
  const loaded: LoadedConfig = {
    config,
    env,
    configDir,
    implicitProviders,
    format: read.format,
    warnings: read.warnings,
  };
  if (source !== undefined) loaded.source = source;
  return loaded;
}

/**
 * Parses YAML text; a LiteLLM proxy config (it has `model_list`) is converted to Switchboard's
 * shape first, with a warning for every key that is not supported. Then `${VAR}` expansion and
 * validation as for any file.
 */
function readConfigText(
  source: string,
  text: string,
  env: NodeJS.ProcessEnv,
): { file: ConfigFile; format: "switchboard" | "litellm"; warnings: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Cannot parse ${source}: ${(error as Error).message}`);
  }
  let format: "switchboard" | "litellm" = "switchboard";
  let warnings: string[] = [];
  if (isLitellmConfig(raw)) {
    const converted = convertLitellmConfig(raw);
    raw = converted.config;
    warnings = converted.warnings;
    format = "litellm";
  }
  return { file: validateConfigFile(source, raw, env), format, warnings };
}

/** Expands `${VAR}` references, then checks the shape; `source` names the config in the error. */
function validateConfigFile(source: string, raw: unknown, env: NodeJS.ProcessEnv): ConfigFile {
  const result = configFileSchema.safeParse(expandEnv(raw ?? {}, env), configParseOptions);
  if (!result.success) throw configErrorFromZod(source, result.error);
  return result.data;
}

function numberFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(
      `Invalid environment variable ${name}=${JSON.stringify(text)}: expected a non-negative number.`,
    );
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

export function resolveConfig(file: ConfigFile, env: NodeJS.ProcessEnv, flags: ConfigFlags): Config {
  const port = flags.port ?? numberFromEnv(env, "PORT") ?? file.server?.port ?? defaults.port;
  if (!Number.isInteger(port) || port > 65535)
    throw new ConfigError(`Invalid port ${port}: expected an integer from 0 to 65535.`);
  // REQUEST_TIMEOUT (seconds) is what LiteLLM-style setups use for "give up on a silent upstream".
  const requestTimeoutSeconds = numberFromEnv(env, "REQUEST_TIMEOUT");
  const requestTimeoutMs = requestTimeoutSeconds === undefined ? undefined : Math.round(requestTimeoutSeconds * 1000);
  const timeouts = file.server?.timeouts;
  const maxRetries = numberFromEnv(env, "MAX_RETRIES");
  const config: Config = {
    server: {
      host: flags.host ?? nonEmpty(env["HOST"]) ?? file.server?.host ?? defaults.host,
      port,
      bodyLimitMb: file.server?.body_limit_mb ?? defaults.bodyLimitMb,
      responsesWebsocket: file.server?.responses_websocket ?? true,
      logLevel: nonEmpty(env["LOG_LEVEL"]) ?? file.server?.log_level ?? defaults.logLevel,
      timeouts: {
        connectMs: timeouts?.connect_ms ?? defaults.connectMs,
        firstByteMs: requestTimeoutMs ?? timeouts?.first_byte_ms ?? defaults.firstByteMs,
        idleMs: requestTimeoutMs ?? timeouts?.idle_ms ?? defaults.idleMs,
      },
    },
    providers: { ...(file.providers as Record<string, ProviderConfig> | undefined) },
    models: {},
    routes: normaliseRoutes(file.models ?? {}),
    router: normaliseRouter(file.router, {
      maxRetries,
      legacyMaxRetries: file.routing?.max_retries,
      requestTimeoutSeconds,
    }),
    teams: resolveTeamsConfig(file, env),
    store: resolveStore(file.store, env),
    mcp: resolveMcpConfig(file),
  };
  config.models = Object.fromEntries(
    Object.entries(config.routes).map(([name, route]) => [
      name,
      [...route.deployments.map((entry) => entry.target), ...route.fallbacks],
    ]),
  );
  const apiKey = nonEmpty(env["PROXY_API_KEY"]) ?? file.server?.api_key;
  if (apiKey !== undefined) config.server.apiKey = apiKey;
  const adminKey = nonEmpty(env["SWITCHBOARD_ADMIN_KEY"]) ?? file.server?.admin_key;
  if (adminKey !== undefined) {
    // One secret in both places would give the admin key the master key's power to spend.
    if (adminKey === apiKey) {
      throw new ConfigError(
        "server.admin_key (SWITCHBOARD_ADMIN_KEY) must differ from server.api_key (PROXY_API_KEY): the admin key cannot call models.",
      );
    }
    config.server.adminKey = adminKey;
  }
  return config;
}

/**
 * A `Config` from an object shaped like the YAML file (tests, the e2e suite, embedding):
 * `${VAR}` expansion and validation as for a file, then defaults. No implicit providers.
 */
export function configFromObject(raw: unknown, options: { env?: NodeJS.ProcessEnv; flags?: ConfigFlags } = {}): Config {
  const env = options.env ?? {};
  const source = "the given config";
  const config = resolveConfig(validateConfigFile(source, raw, env), env, options.flags ?? {});
  checkRouteTargets({ routes: config.routes, providerIds: Object.keys(config.providers), source });
  return config;
}
