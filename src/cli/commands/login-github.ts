import { describeTokenSource } from "../../providers/github-copilot/index.js";
import { signInGithub } from "../../providers/github-copilot/sign-in-github.js";
import { defaultSend, defaultTimeouts } from "../../providers/github-copilot/http.js";
import {
  findSignedInToken,
  githubSettings,
  writerOf,
  type GithubCommandContext,
  type GithubHostOptions,
  withConfiguredCopilot,
} from "./github-command-context.js";
import { openBrowser } from "./open-browser.js";

export interface LoginGithubResult {
  savedTo: string;
  /** The Copilot plan (sku) the new token is entitled to, or undefined when it is not. */
  sku: string | undefined;
  /** Why Copilot cannot be used with the new login (printed as an error; the command exits 1). */
  problem: string | undefined;
}

/**
 * `switchboard login github`: the device flow, then the token saved (0600) and checked by a
 * Copilot token exchange, so a missing subscription shows up now and not at the first request.
 */
export async function loginGithub(
  given: GithubCommandContext,
  options: GithubHostOptions = {},
): Promise<LoginGithubResult> {
  const context = await withConfiguredCopilot(given, options);
  const write = writerOf(context);
  const settings = githubSettings(context, options);
  const send = context.send ?? defaultSend;
  const timeouts = context.timeouts ?? defaultTimeouts;
  const browser = context.openBrowser ?? ((url: string) => openBrowser(url, context.env));
  let dots = 0;
  const result = await signInGithub({
    settings,
    configDir: context.configDir,
    send,
    timeouts,
    ...(context.sleep === undefined ? {} : { sleep: context.sleep }),
    callbacks: {
      onCode: (code) => {
        write(`First copy your one-time code: ${code.userCode}`);
        write(
          `Then open ${code.verificationUri} and enter it (valid for ${Math.round(code.expiresInSeconds / 60)} minutes).`,
        );
        browser(code.verificationUri);
      },
      onWaiting: () => {
        dots++;
        if (dots % 12 === 1) write("Waiting for you to approve the code on GitHub…");
      },
      onSlowDown: (intervalSeconds) => write(`GitHub asked us to check less often; now every ${intervalSeconds} s.`),
    },
  });
  const { savedTo, sku, user } = result;
  write(`Signed in to ${settings.githubHost}. Token saved to ${savedTo} (readable only by you).`);
  if (result.problem !== undefined) {
    // The token is saved, but the sign-in did not give Copilot: that is a failure to a script.
    write(`Error: ${result.problem}`);
  } else {
    const account = user?.account === undefined ? "" : ` for ${user.account}`;
    const plan = user?.plan ?? sku;
    write(
      `GitHub Copilot is available${account}${plan === undefined ? "" : ` (plan ${plan})`}. Run \`switchboard start\` to use it.`,
    );
  }

  const first = await findSignedInToken(context, settings);
  if (first !== undefined && first.source !== "switchboard-login") {
    write(
      `Note: ${describeTokenSource(first.source)} comes first in the sign-in order and will be used instead of this login.`,
    );
  }
  return { savedTo, sku, problem: result.problem };
}
