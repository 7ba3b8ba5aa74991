import type { LoadedConfig } from "../../config/load-config.js";
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
  describeGateway?: () => Promise<boolean>;
  /** The config `status` reports the providers of; without it, Copilot alone (`copilotConfig`). */
  loadConfig?: () => Promise<LoadedConfig>;
}

export interface GithubHostOptions {
  githubUrl?: string;
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
