import type { ModelInfo, ProviderFactoryContext, UpstreamTimeouts } from "../provider.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { CommonProviderConfig, ModelEntry } from "./provider-config-schema.js";

/** The key from the config, else from `api_key_env`, else from the type's usual variable. */
export function resolveApiKey(
  config: CommonProviderConfig,
  env: NodeJS.ProcessEnv,
  defaultEnvName: string | undefined,
): string | undefined {
  if (config.api_key !== undefined) return config.api_key;
  const name = config.api_key_env ?? defaultEnvName;
  const value = name === undefined ? undefined : env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function resolveTimeouts(config: CommonProviderConfig, context: ProviderFactoryContext): UpstreamTimeouts {
  return {
    connectMs: config.timeouts?.connect_ms ?? context.timeouts.connectMs,
    firstByteMs: config.timeouts?.first_byte_ms ?? context.timeouts.firstByteMs,
    idleMs: config.timeouts?.idle_ms ?? context.timeouts.idleMs,
  };
}

/** Turns the config's `models:` list into `ModelInfo`s; undefined when the list is absent (discover instead). */
export function configuredModels(entries: ModelEntry[] | undefined, defaultApis: WireApi[]): ModelInfo[] | undefined {
  if (entries === undefined) return undefined;
  return entries.map((entry) => {
    if (typeof entry === "string") return { id: entry, apis: [...defaultApis] };
    const model: ModelInfo = { id: entry.id, apis: entry.apis ?? [...defaultApis] };
    if (entry.aliases !== undefined) model.aliases = entry.aliases;
    if (entry.display_name !== undefined) model.displayName = entry.display_name;
    if (entry.context_window !== undefined) model.contextWindow = entry.context_window;
    if (entry.max_output_tokens !== undefined) model.maxOutputTokens = entry.max_output_tokens;
    return model;
  });
}
