import type { ConfigFlags, LoadedConfig } from "../../config/load-config.js";
import type { UpstreamTimeouts } from "../../providers/provider.js";
import {
  copilotConfigSchema,
  findGithubToken,
  resolveCopilotSettings,
  type CopilotSettings,
  type FoundGithubToken,
  type SendFunction,
} from "../../providers/github-copilot/index.js";

/** What the GitHub commands need from the CLI; the seams (send, sleep, browser) are for tests. */
export interface GithubCommandContext {
  env: NodeJS.ProcessEnv;
  configDir: string;
  /** The `providers.<id>` entry of type github-copilot from the config file, if any. */
  copilotConfig?: Record<string, unknown>;
  send?: SendFunction;
  timeouts?: UpstreamTimeouts;
  write?: (text: string) => void;
  sleep?: (milliseconds: number) => Promise<void>;
  openBrowser?: (url: string) => void;
  /** Printed first by `status`: whether the gateway runs; returns false when it does not. */
  describeGateway?: (flags: ConfigFlags) => Promise<boolean>;
  /** The config `status` reports the providers of; without it, Copilot alone (`copilotConfig`). */
  loadConfig?: (flags: ConfigFlags) => Promise<LoadedConfig>;
}

export interface GithubHostOptions {
  githubUrl?: string;
  /** `--config`: the config file whose Copilot provider (token, GitHub URLs) the command uses. */
  config?: string;
}

/**
 * The context with the config's first github-copilot provider as `copilotConfig`, so that
 * `login github` signs in to the GitHub the gateway will use (an enterprise `github_url`), not
 * github.com. A config that does not load leaves the defaults: signing in must not depend on it.
 */
export async function withConfiguredCopilot(
  context: GithubCommandContext,
  options: GithubHostOptions,
): Promise<GithubCommandContext> {
  if (context.copilotConfig !== undefined || context.loadConfig === undefined) return context;
  try {
    const loaded = await context.loadConfig(options.config === undefined ? {} : { config: options.config });
    const entry = Object.values(loaded.config.providers).find((provider) => provider.type === "github-copilot");
    return entry === undefined ? context : { ...context, copilotConfig: entry };
  } catch {
    return context;
  }
}

export function githubSettings(context: GithubCommandContext, options: GithubHostOptions): CopilotSettings {
  const entry = copilotConfigSchema.parse({
    ...context.copilotConfig,
    ...(options.githubUrl === undefined ? {} : { github_url: options.githubUrl }),
  });
  return resolveCopilotSettings(entry, context.env);
}

export function writerOf(context: GithubCommandContext): (text: string) => void {
  return context.write ?? ((text) => process.stdout.write(`${text}\n`));
}

/** The GitHub token Copilot would use now: the first one the sign-in chain finds for the host. */
export function findSignedInToken(
  context: GithubCommandContext,
  settings: CopilotSettings,
): Promise<FoundGithubToken | undefined> {
  return findGithubToken({
    configToken: settings.configToken,
    env: context.env,
    configDir: context.configDir,
    host: settings.githubHost,
  });
}
