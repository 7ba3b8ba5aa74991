import { z } from "zod";
import { configErrorFromLines } from "../config/config-error.js";
import { closestName } from "../lib/closest-name.js";
import { describeIssues } from "../lib/zod-issues.js";
import { ProviderConfigError } from "../providers/parse-provider-config.js";
import type { Config } from "../config/schema.js";
import type { Logger } from "../lib/logger.js";
import type { Provider } from "../providers/provider.js";
import { providerTypes as registeredProviderTypes, type ProviderType } from "../providers/registry.js";

function describeFailure(id: string, error: unknown): string[] {
  if (error instanceof ProviderConfigError) return error.problems.map((problem) => `providers.${id}.${problem}`);
  if (error instanceof z.ZodError) return describeIssues(error.issues, ["providers", id]);
  return [`providers.${id}: ${error instanceof Error ? error.message : String(error)}`];
}

function unknownType(id: string, type: string, known: string[]): string {
  const suggestion = closestName(type, known);
  const hint =
    suggestion === undefined
      ? `expected one of ${known.map((name) => `"${name}"`).join(", ")}`
      : `did you mean "${suggestion}"?`;
  return `providers.${id}.type: unknown provider type "${type}"; ${hint}`;
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
  /** The config file, named in the error. */
  source?: string | undefined;
}): Map<string, Provider> {
  const types = options.providerTypes ?? registeredProviderTypes;
  const providers = new Map<string, Provider>();
  const { timeouts } = options.config.server;
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(options.config.providers)) {
    const type = types[entry.type];
    if (type === undefined) {
      problems.push(unknownType(id, entry.type, Object.keys(types)));
      continue;
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
      problems.push(...describeFailure(id, error));
    }
  }
  // Every entry is tried first, so one start-up names every provider at fault, as the loader does for the file.
  if (problems.length > 0) {
    for (const provider of providers.values()) void provider.close().catch(() => undefined);
    throw configErrorFromLines(options.source, problems);
  }
  return providers;
}
