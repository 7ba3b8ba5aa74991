import { isGatewayError } from "../../errors/index.js";
import type { ProviderSignInState, UpstreamTimeouts } from "../provider.js";
import type { SendFunction } from "../../upstream/index.js";
import type { CopilotSettings } from "./config.js";
import { describeTokenSource, findGithubToken } from "./find-github-token.js";
import { getCopilotUser } from "./get-copilot-user.js";

export type GithubSignInState = Extract<ProviderSignInState, { kind: "github" }>;

/**
 * The GitHub account Copilot signs in as now, with its plan and premium requests: what
 * `switchboard status` prints, as data. Failures become `problem`, never a throw.
 */
export async function readCopilotAccount(options: {
  settings: CopilotSettings;
  env: NodeJS.ProcessEnv;
  configDir: string;
  send: SendFunction;
  timeouts: UpstreamTimeouts;
}): Promise<GithubSignInState> {
  const { settings } = options;
  const found = await findGithubToken({
    configToken: settings.configToken,
    env: options.env,
    configDir: options.configDir,
    host: settings.githubHost,
  });
  if (found === undefined) return { kind: "github", signedIn: false };
  const state: GithubSignInState = { kind: "github", signedIn: true, source: describeTokenSource(found.source) };
  try {
    const user = await getCopilotUser({
      githubApiUrl: settings.githubApiUrl,
      githubToken: found.token,
      send: options.send,
      timeouts: options.timeouts,
    });
    if (user.account !== undefined) state.account = user.account;
    if (user.plan !== undefined) state.plan = user.plan;
    if (user.quotaResetDate !== undefined) state.quotaResetDate = user.quotaResetDate;
    const premium = user.premiumRequests;
    if (premium !== undefined) {
      state.premiumRequests = { unlimited: premium.unlimited };
      if (premium.entitlement !== undefined) state.premiumRequests.entitlement = premium.entitlement;
      if (premium.remaining !== undefined) state.premiumRequests.remaining = premium.remaining;
      if (premium.percentRemaining !== undefined) state.premiumRequests.percentRemaining = premium.percentRemaining;
    }
  } catch (error) {
    state.problem = isGatewayError(error) ? error.message : String(error);
  }
  return state;
}
