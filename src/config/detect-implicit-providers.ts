import { providerTypes as registeredProviderTypes, type ProviderType } from "../providers/registry.js";
import type { ProviderConfig } from "./schema.js";

export type DetectableProviderTypes = Record<string, Pick<ProviderType, "detect" | "defaultId">>;

/**
 * Providers usable with no config at all: each registered type's `detect` (Copilot finds a `gh`
 * login, Duo a `GITLAB_TOKEN`), plus `openai` / `anthropic` when their usual API key variables are set.
 */
export async function detectImplicitProviders(options: {
  env: NodeJS.ProcessEnv;
  configDir: string;
  providerTypes?: DetectableProviderTypes | undefined;
}): Promise<Record<string, ProviderConfig>> {
  const found: Record<string, ProviderConfig> = {};
  const types = options.providerTypes ?? registeredProviderTypes;
  for (const [type, definition] of Object.entries(types)) {
    if (definition.detect === undefined) continue;
    const entry = await definition.detect(options.env, options.configDir);
    if (entry === undefined) continue;
    found[definition.defaultId ?? type] = { ...entry, type } as ProviderConfig;
  }
  const openaiKey = options.env["OPENAI_API_KEY"];
  if (openaiKey !== undefined && openaiKey !== "" && found["openai"] === undefined) {
    found["openai"] = { type: "openai", api_key: openaiKey };
  }
  const anthropicKey = options.env["ANTHROPIC_API_KEY"];
  if (anthropicKey !== undefined && anthropicKey !== "" && found["anthropic"] === undefined) {
    found["anthropic"] = { type: "anthropic", api_key: anthropicKey };
  }
  return found;
}
