import { readEditorPluginToken } from "./read-editor-plugin-token.js";
import { readGhCliToken } from "./read-gh-cli-token.js";
import { loadSavedGithubToken } from "./saved-github-token.js";

export type GithubTokenSource =
  | "config"
  | "env:COPILOT_GITHUB_TOKEN"
  | "env:GH_TOKEN"
  | "env:GITHUB_TOKEN"
  | "gh-cli"
  | "copilot-editor-plugin"
  | "switchboard-login";

export interface FoundGithubToken {
  token: string;
  source: GithubTokenSource;
}

export interface FindGithubTokenOptions {
  configToken: string | undefined;
  env: NodeJS.ProcessEnv;
  configDir: string;
  host: string;
}

const tokenVariables = ["COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"] as const;

/**
 * The sign-in chain, first hit wins: config `token`, environment, `gh` CLI, Copilot editor
 * plugin, a token `switchboard login github` saved. The device flow (the last link) is
 * interactive and only the CLI runs it.
 */
export async function findGithubToken(options: FindGithubTokenOptions): Promise<FoundGithubToken | undefined> {
  if (options.configToken !== undefined) return { token: options.configToken, source: "config" };
  for (const name of tokenVariables) {
    const value = options.env[name]?.trim();
    if (value !== undefined && value !== "") return { token: value, source: `env:${name}` };
  }
  const ghToken = await readGhCliToken(options.env, options.host);
  if (ghToken !== undefined) return { token: ghToken, source: "gh-cli" };
  const pluginToken = await readEditorPluginToken(options.env, options.host);
  if (pluginToken !== undefined) return { token: pluginToken, source: "copilot-editor-plugin" };
  const saved = await loadSavedGithubToken(options.configDir, options.host);
  if (saved !== undefined) return { token: saved, source: "switchboard-login" };
  return undefined;
}

export function describeTokenSource(source: GithubTokenSource): string {
  switch (source) {
    case "config":
      return "the `token` in the config file";
    case "gh-cli":
      return "the GitHub CLI login (gh auth login)";
    case "copilot-editor-plugin":
      return "the Copilot editor plugin's login";
    case "switchboard-login":
      return "the token saved by `switchboard login github`";
    default:
      return `the ${source.slice("env:".length)} environment variable`;
  }
}
