export { ConfigError } from "./config-error.js";
export {
  configFromObject,
  loadConfig,
  resolveConfig,
  type ConfigFlags,
  type LoadConfigOptions,
  type LoadedConfig,
} from "./load-config.js";
export type { Config, ConfigFile, ProviderConfig } from "./schema.js";
export { userConfigDir } from "./find-config-file.js";
