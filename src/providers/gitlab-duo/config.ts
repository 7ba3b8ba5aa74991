import { z } from "zod";
import { wireApis, type WireApi } from "../../protocols/wire-api.js";
import { parseProviderConfig } from "../parse-provider-config.js";
import type { DuoModelOverride } from "./models.js";

export const defaultInstanceUrl = "https://gitlab.com";
export const defaultGatewayUrl = "https://cloud.gitlab.com";

const modelOverrideSchema = z.strictObject({
  model: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  vendor: z.enum(["anthropic", "openai"]).optional(),
  apis: z
    .array(z.enum(wireApis as [WireApi, ...WireApi[]]))
    .min(1)
    .optional(),
  display_name: z.string().optional(),
  context_window: z.number().int().positive().optional(),
  max_output_tokens: z.number().int().positive().optional(),
});

/** `providers.<id>` with `type: gitlab-duo`. */
export const gitlabDuoConfigSchema = z.strictObject({
  type: z.literal("gitlab-duo").optional(),
  token: z.string().optional(),
  instance_url: z.string().min(1).optional(),
  gateway_url: z.string().min(1).optional(),
  models: z.record(z.string(), modelOverrideSchema).optional(),
  /** Sent in the direct_access body (e.g. `DuoAgentPlatformNext: true`, as some clients do). */
  feature_flags: z.record(z.string(), z.boolean()).optional(),
});

export interface GitlabDuoSettings {
  personalAccessToken: string;
  instanceUrl: string;
  gatewayUrl: string;
  models: Record<string, DuoModelOverride>;
  featureFlags?: Record<string, boolean>;
}

/**
 * Config first, then the environment of the existing Duo proxy (GITLAB_TOKEN, GITLAB_INSTANCE_URL),
 * then defaults. A `${NAME}` left unexpanded by the loader is looked up in the environment here.
 */
export function resolveGitlabDuoSettings(options: {
  id: string;
  config: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}): GitlabDuoSettings {
  const config = parseProviderConfig(gitlabDuoConfigSchema, options.id, options.config);
  const token = expand(config.token, options.env) || options.env["GITLAB_TOKEN"] || "";
  if (token === "") {
    throw new Error(
      `gitlab-duo: providers.${options.id} has no token. Set GITLAB_TOKEN to a GitLab personal access token with the "api" scope, or set providers.${options.id}.token.`,
    );
  }
  const settings: GitlabDuoSettings = {
    personalAccessToken: token,
    instanceUrl: trimSlashes(
      expand(config.instance_url, options.env) || options.env["GITLAB_INSTANCE_URL"] || defaultInstanceUrl,
    ),
    gatewayUrl: trimSlashes(
      expand(config.gateway_url, options.env) || options.env["GITLAB_AI_GATEWAY_URL"] || defaultGatewayUrl,
    ),
    models: config.models ?? {},
  };
  if (config.feature_flags !== undefined) settings.featureFlags = config.feature_flags;
  return settings;
}

function expand(value: string | undefined, env: NodeJS.ProcessEnv): string {
  if (value === undefined) return "";
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => env[name] ?? "").trim();
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}
