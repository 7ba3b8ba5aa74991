import { isGatewayError } from "../../errors/index.js";
import type { UpstreamTimeouts } from "../provider.js";
import type { SendFunction } from "../../upstream/index.js";
import type { CopilotSettings } from "./config.js";
import { getCopilotToken } from "./get-copilot-token.js";
import { getCopilotUser, type CopilotUser } from "./get-copilot-user.js";
import { runDeviceFlow, type DeviceFlowCallbacks } from "./run-device-flow.js";
import { prepareTokenFolder, saveGithubToken } from "./saved-github-token.js";

export interface SignInGithubResult {
  savedTo: string;
  /** The Copilot plan (sku) the new token is entitled to, or undefined when it is not. */
  sku: string | undefined;
  user: CopilotUser | undefined;
  /** Why Copilot cannot be used with the new login (no subscription, GitHub unreachable). */
  problem: string | undefined;
}

/**
 * The whole sign-in that `switchboard login github` and the dashboard share: GitHub's device
 * flow, the token saved (0600 in a 0700 folder), then checked by a Copilot token exchange and
 * the account read, so a missing subscription shows up now and not at the first request.
 */
export async function signInGithub(options: {
  settings: CopilotSettings;
  configDir: string;
  send: SendFunction;
  timeouts: UpstreamTimeouts;
  callbacks: DeviceFlowCallbacks;
  sleep?: (milliseconds: number) => Promise<void>;
  signal?: AbortSignal;
}): Promise<SignInGithubResult> {
  const { settings, send, timeouts } = options;
  // The folder first: a user must not approve a code on GitHub only for the save to fail.
  await prepareTokenFolder(options.configDir);
  const flow = await runDeviceFlow({
    githubUrl: settings.githubUrl,
    send,
    timeouts,
    callbacks: options.callbacks,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const savedTo = await saveGithubToken(options.configDir, { token: flow.token, host: settings.githubHost });
  const result: SignInGithubResult = { savedTo, sku: undefined, user: undefined, problem: undefined };
  try {
    const copilot = await getCopilotToken({
      provider: "copilot",
      githubApiUrl: settings.githubApiUrl,
      githubToken: flow.token,
      tokenDescription: "the new login",
      send,
      timeouts,
    });
    result.sku = copilot.sku;
    result.user = await getCopilotUser({
      githubApiUrl: settings.githubApiUrl,
      githubToken: flow.token,
      send,
      timeouts,
    });
  } catch (error) {
    result.problem = isGatewayError(error) ? error.message : String(error);
  }
  return result;
}
