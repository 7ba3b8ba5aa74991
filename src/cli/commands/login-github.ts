import { getCopilotUser } from "../../providers/github-copilot/get-copilot-user.js";
import {
  describeTokenSource,
  getCopilotToken,
  prepareTokenFolder,
  runDeviceFlow,
  saveGithubToken,
} from "../../providers/github-copilot/index.js";
import { isGatewayError } from "../../errors/index.js";
import { defaultSend, defaultTimeouts } from "../../providers/github-copilot/http.js";
import {
  findSignedInToken,
  githubSettings,
  writerOf,
  type GithubCommandContext,
  type GithubHostOptions,
} from "./github-command-context.js";
import { openBrowser } from "./open-browser.js";

export interface LoginGithubResult {
  savedTo: string;
  /** The Copilot plan (sku) the new token is entitled to, or undefined when it is not. */
  sku: string | undefined;
}

/**
 * `switchboard login github`: the device flow, then the token saved (0600) and checked by a
 * Copilot token exchange, so a missing subscription shows up now and not at the first request.
 */
export async function loginGithub(
  context: GithubCommandContext,
  options: GithubHostOptions = {},
): Promise<LoginGithubResult> {
  const write = writerOf(context);
  const settings = githubSettings(context, options);
  const send = context.send ?? defaultSend;
  const timeouts = context.timeouts ?? defaultTimeouts;
  const browser = context.openBrowser ?? ((url: string) => openBrowser(url, context.env));
  // The folder first: a user must not approve a code on GitHub only for the save to fail.
  await prepareTokenFolder(context.configDir);
  let dots = 0;
  const result = await runDeviceFlow({
    githubUrl: settings.githubUrl,
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
  const savedTo = await saveGithubToken(context.configDir, { token: result.token, host: settings.githubHost });
  write(`Signed in to ${settings.githubHost}. Token saved to ${savedTo} (readable only by you).`);

  let sku: string | undefined;
  try {
    const copilot = await getCopilotToken({
      provider: "copilot",
      githubApiUrl: settings.githubApiUrl,
      githubToken: result.token,
      tokenDescription: "the new login",
      send,
      timeouts,
    });
    sku = copilot.sku;
    const user = await getCopilotUser({
      githubApiUrl: settings.githubApiUrl,
      githubToken: result.token,
      send,
      timeouts,
    });
    const account = user.account === undefined ? "" : ` for ${user.account}`;
    const plan = user.plan ?? sku;
    write(
      `GitHub Copilot is available${account}${plan === undefined ? "" : ` (plan ${plan})`}. Run \`switchboard start\` to use it.`,
    );
  } catch (error) {
    write(`Warning: ${isGatewayError(error) ? error.message : String(error)}`);
  }

  const first = await findSignedInToken(context, settings);
  if (first !== undefined && first.source !== "switchboard-login") {
    write(
      `Note: ${describeTokenSource(first.source)} comes first in the sign-in order and will be used instead of this login.`,
    );
  }
  return { savedTo, sku };
}
