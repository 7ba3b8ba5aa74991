import type { LoadedConfig } from "../../config/load-config.js";
import { createProviders } from "../../gateway/create-providers.js";
import { createLogger } from "../../lib/logger.js";
import type { Provider } from "../../providers/provider.js";

/**
 * The config's providers, built as `start` builds them but silent (a CLI command reports for
 * itself): an entry its type refuses throws the same `ConfigError`. Callers close them.
 */
export function buildProviders(loaded: LoadedConfig): Map<string, Provider> {
  return createProviders({
    config: loaded.config,
    env: loaded.env,
    configDir: loaded.configDir,
    logger: createLogger({ level: "silent" }),
    source: loaded.source,
  });
}
