import { copilotConfigSchema, resolveCopilotSettings } from "./config.js";
import { findGithubToken } from "./find-github-token.js";

/** `GITHUB_COPILOT_ENABLED=false` (or 0, no): Copilot is not looked for without a config entry. */
export function copilotDetectionOff(env: NodeJS.ProcessEnv): boolean {
  const enabled = env["GITHUB_COPILOT_ENABLED"]?.trim().toLowerCase();
  return enabled === "false" || enabled === "0" || enabled === "no";
}

/**
 * With no config file, Copilot is served when any sign-in exists (environment, `gh`, editor
 * plugin, saved login). `GITHUB_COPILOT_ENABLED=false` turns detection off. The returned entry
 * holds no token: the sign-in chain runs again at each token exchange.
 */
export async function detectCopilot(
  env: NodeJS.ProcessEnv,
  configDir: string,
): Promise<Record<string, unknown> | undefined> {
  if (copilotDetectionOff(env)) return undefined;
  const settings = resolveCopilotSettings(copilotConfigSchema.parse({}), env);
  const found = await findGithubToken({ configToken: undefined, env, configDir, host: settings.githubHost });
  return found === undefined ? undefined : { type: "github-copilot" };
}
