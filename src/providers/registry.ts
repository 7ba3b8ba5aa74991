import type { ProviderFactory } from "./provider.js";
import { githubCopilotProviderType } from "./github-copilot/index.js";
import { gitlabDuoProviderType } from "./gitlab-duo/index.js";

/**
 * The only file that imports every provider folder. A provider type registers how to build it
 * from a config entry and, optionally, how to find a usable login with no config at all
 * (Copilot: a `gh` login; Duo: `GITLAB_TOKEN`).
 */
export interface ProviderType {
  create: ProviderFactory;
  /** The provider id used when the provider is detected without config (e.g. `copilot`). */
  defaultId?: string;
  /** Returns a config entry when the environment holds what this provider needs. */
  detect?: (env: NodeJS.ProcessEnv, configDir: string) => Promise<Record<string, unknown> | undefined>;
}

export const providerTypes: Record<string, ProviderType> = {
  "github-copilot": githubCopilotProviderType,
  "gitlab-duo": gitlabDuoProviderType,
};
