import type { Config } from "../config/schema.js";
import type { Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import { providerTypes as registeredProviderTypes, type ProviderType } from "../providers/registry.js";

/** Builds every configured provider through its registered factory, in config order. */
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
      throw new Error(
        `providers.${id}.type: the provider type "${entry.type}" is not available in this build (available: ${Object.keys(types).join(", ") || "none"}).`,
      );
    }
    const provider = type.create(id, entry, {
      env: options.env,
      logger: options.logger.child({ provider: id }),
      configDir: options.configDir,
      timeouts: { connectMs: timeouts.connectMs, firstByteMs: timeouts.firstByteMs, idleMs: timeouts.idleMs },
    });
    providers.set(id, provider);
  }
  return providers;
}
