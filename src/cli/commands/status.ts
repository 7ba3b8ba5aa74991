import { isGatewayError } from "../../errors/index.js";
import {
  describeTokenSource,
  getCopilotToken,
  getCopilotUser,
  individualCopilotApiUrl,
  type CopilotUser,
} from "../../providers/github-copilot/index.js";
import { defaultSend, defaultTimeouts } from "../../providers/github-copilot/http.js";
import {
  findSignedInToken,
  githubSettings,
  writerOf,
  type GithubCommandContext,
  type GithubHostOptions,
} from "./github-command-context.js";

export interface GithubStatus {
  signedIn: boolean;
  source?: string;
  sku?: string;
  user?: CopilotUser;
  /** Why Copilot cannot be used with this sign-in (no Copilot on the account, GitHub unreachable). */
  problem?: string;
}

/** `switchboard status`: which login Copilot uses, the plan, and the premium requests left until the reset date. */
export async function showGithubStatus(
  context: GithubCommandContext,
  options: GithubHostOptions = {},
): Promise<GithubStatus> {
  const write = writerOf(context);
  const settings = githubSettings(context, options);
  const send = context.send ?? defaultSend;
  const timeouts = context.timeouts ?? defaultTimeouts;
  const found = await findSignedInToken(context, settings);
  if (found === undefined) {
    write(`GitHub Copilot: not signed in to ${settings.githubHost}. Run \`switchboard login github\`.`);
    return { signedIn: false };
  }
  const source = describeTokenSource(found.source);
  write(`GitHub sign-in: ${source}`);
  try {
    const copilot = await getCopilotToken({
      provider: "copilot",
      githubApiUrl: settings.githubApiUrl,
      githubToken: found.token,
      tokenDescription: source,
      send,
      timeouts,
    });
    const user = await getCopilotUser({
      githubApiUrl: settings.githubApiUrl,
      githubToken: found.token,
      send,
      timeouts,
    });
    if (user.account !== undefined) write(`GitHub account: ${user.account}`);
    write(`Copilot plan: ${user.plan ?? "unknown"}${copilot.sku === undefined ? "" : ` (${copilot.sku})`}`);
    write(`Copilot API: ${settings.baseUrl ?? copilot.apiUrl ?? individualCopilotApiUrl}`);
    write(`Premium requests: ${describePremium(user)}`);
    return { signedIn: true, source, ...(copilot.sku === undefined ? {} : { sku: copilot.sku }), user };
  } catch (error) {
    const problem = isGatewayError(error) ? error.message : String(error);
    write(`Copilot: ${problem}`);
    return { signedIn: true, source, problem };
  }
}

function describePremium(user: CopilotUser): string {
  const premium = user.premiumRequests;
  const reset = user.quotaResetDate === undefined ? "" : `, resets ${user.quotaResetDate}`;
  if (premium === undefined) return `not reported${reset}`;
  if (premium.unlimited) return `unlimited${reset}`;
  const percent = premium.percentRemaining === undefined ? "" : ` (${Math.round(premium.percentRemaining)}%)`;
  const overage = premium.overagePermitted ? "; paid overage allowed" : "";
  return `${premium.remaining ?? "?"} of ${premium.entitlement ?? "?"} left${percent}${reset}${overage}`;
}
