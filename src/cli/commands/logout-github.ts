import {
  deleteSavedGithubToken,
  describeTokenSource,
  savedGithubTokenPath,
} from "../../providers/github-copilot/index.js";
import {
  findSignedInToken,
  githubSettings,
  writerOf,
  type GithubCommandContext,
  type GithubHostOptions,
  withConfiguredCopilot,
} from "./github-command-context.js";

/**
 * `switchboard logout github`: removes the token Switchboard saved. Logins that belong to other
 * tools (`gh`, the editor plugin, variables) are theirs to remove; we say which one remains.
 */
export async function logoutGithub(given: GithubCommandContext, options: GithubHostOptions = {}): Promise<boolean> {
  const context = await withConfiguredCopilot(given, options);
  const write = writerOf(context);
  const removed = await deleteSavedGithubToken(context.configDir);
  write(removed ? `Removed ${savedGithubTokenPath(context.configDir)}.` : "Switchboard had no saved GitHub login.");
  const settings = githubSettings(context, options);
  const remaining = await findSignedInToken(context, settings);
  if (remaining !== undefined) {
    write(
      `Copilot will still sign in with ${describeTokenSource(remaining.source)}. Remove that too to sign out completely.`,
    );
  }
  return removed;
}
