import { z } from "zod";
import { ConfigError } from "../config/config-error.js";
import type { Config } from "../config/schema.js";
import type { Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import { providerTypes as registeredProviderTypes, type ProviderType } from "../providers/registry.js";

function describeFailure(id: string, error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues
      .map((issue) => `  - providers.${[id, ...issue.path.map(String)].join(".")}: ${issue.message}`)
      .join("\n");
  }
  return `  - providers.${id}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Builds every configured provider through its registered factory, in config order. An unknown
 * type, or an entry the provider's own schema rejects, stops start-up with a `ConfigError`.
 */
export function createProviders(options: {
  config: Config;
  env: NodeJS.ProcessEnv;
  configDir: string;
  logger: Logger;
  providerTypes?: Record<string, ProviderType>;
}): Map<string, Provider> {
  const types = options.providerTypes ?? registeredProviderTypes;
  const providers = new Map<string, Provider>();
  const { timeouts } = options.config.server;
  for (const [id, entry] of Object.entries(options.config.providers)) {
    const type = types[entry.type];
    if (type === undefined) {
      const known = Object.keys(types).map((name) => `"${name}"`);
      throw new ConfigError(
        `Invalid configuration:\n  - providers.${id}.type: unknown provider type "${entry.type}"; expected one of ${known.join(", ")}`,
      );
    }
    try {
      providers.set(
        id,
        type.create(id, entry, {
          env: options.env,
          logger: options.logger.child({ provider: id }),
          configDir: options.configDir,
          timeouts: { connectMs: timeouts.connectMs, firstByteMs: timeouts.firstByteMs, idleMs: timeouts.idleMs },
        }),
      );
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n${describeFailure(id, error)}`);
    }
  }
  return providers;
}
