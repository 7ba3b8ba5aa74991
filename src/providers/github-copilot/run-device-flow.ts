import { GatewayError } from "../../errors/index.js";
import type { UpstreamTimeouts } from "../provider.js";
import { defaultSend, defaultTimeouts } from "./http.js";
import { joinUrl, readJsonBody, type SendFunction } from "../../upstream/index.js";
import { numberField, stringField } from "./json-fields.js";

/** The OAuth app id the Copilot editor plugins (and every open client) sign in with. */
export const copilotClientId = "Iv1.b507a08c87ecfe98";
const deviceGrantType = "urn:ietf:params:oauth:grant-type:device_code";

export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export interface DeviceFlowCallbacks {
  /** Show the code and the URL; the person types the code there. */
  onCode: (code: DeviceCode) => void;
  /** Called before each wait between two polls. */
  onWaiting?: (state: { attempt: number; intervalSeconds: number }) => void;
  /** GitHub asked us to poll less often. */
  onSlowDown?: (intervalSeconds: number) => void;
}

export interface RunDeviceFlowOptions {
  githubUrl: string;
  callbacks: DeviceFlowCallbacks;
  clientId?: string;
  scope?: string;
  send?: SendFunction;
  timeouts?: UpstreamTimeouts;
  /** Waits between polls; injectable so tests need no real time. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Milliseconds since the epoch; injectable with `sleep`. */
  now?: () => number;
  signal?: AbortSignal;
}

export interface DeviceFlowResult {
  token: string;
  scope: string | undefined;
}

const realSleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** GitHub's OAuth device flow: ask for a code, then poll until the person approves it. */
export async function runDeviceFlow(options: RunDeviceFlowOptions): Promise<DeviceFlowResult> {
  const send = options.send ?? defaultSend;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? copilotClientId;
  const post = async (path: string, payload: Record<string, string>): Promise<unknown> => {
    const response = await send({
      provider: "github",
      url: joinUrl(options.githubUrl, path),
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(payload),
      timeouts: options.timeouts ?? defaultTimeouts,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return readJsonBody(response.body);
  };

  const codeAnswer = await post("/login/device/code", { client_id: clientId, scope: options.scope ?? "read:user" });
  const deviceCode = stringField(codeAnswer, "device_code");
  const userCode = stringField(codeAnswer, "user_code");
  const verificationUri = stringField(codeAnswer, "verification_uri");
  if (deviceCode === undefined || userCode === undefined || verificationUri === undefined) {
    throw new GatewayError("upstream_error", `GitHub did not return a device code from ${options.githubUrl}.`);
  }
  const code: DeviceCode = {
    userCode,
    verificationUri,
    expiresInSeconds: numberField(codeAnswer, "expires_in") ?? 900,
    intervalSeconds: numberField(codeAnswer, "interval") ?? 5,
  };
  options.callbacks.onCode(code);

  const deadline = now() + code.expiresInSeconds * 1000;
  let intervalSeconds = code.intervalSeconds;
  for (let attempt = 1; ; attempt++) {
    if (now() >= deadline) throw expiredError(code);
    options.callbacks.onWaiting?.({ attempt, intervalSeconds });
    await sleep(intervalSeconds * 1000);
    if (options.signal?.aborted === true) throw new GatewayError("client_closed", "Sign-in was cancelled.");
    const answer = await post("/login/oauth/access_token", {
      client_id: clientId,
      device_code: deviceCode,
      grant_type: deviceGrantType,
    });
    const token = stringField(answer, "access_token");
    if (token !== undefined) return { token, scope: stringField(answer, "scope") };
    const error = stringField(answer, "error");
    switch (error) {
      case "authorization_pending":
        continue;
      case "slow_down":
        // GitHub's rule: add 5 seconds to the interval (it may also send the new interval).
        intervalSeconds = numberField(answer, "interval") ?? intervalSeconds + 5;
        options.callbacks.onSlowDown?.(intervalSeconds);
        continue;
      case "expired_token":
        throw expiredError(code);
      case "access_denied":
        throw new GatewayError(
          "authentication",
          "Sign-in was refused: the code was cancelled on GitHub (access denied). Run `switchboard login github` again and choose Authorize.",
        );
      default:
        throw new GatewayError(
          "authentication",
          `GitHub refused the sign-in: ${stringField(answer, "error_description") ?? error ?? "no token and no reason given"}.`,
        );
    }
  }
}

function expiredError(code: DeviceCode): GatewayError {
  const minutes = Math.round(code.expiresInSeconds / 60);
  return new GatewayError(
    "authentication",
    `The sign-in code ${code.userCode} expired before it was approved. Run \`switchboard login github\` again and enter the new code at ${code.verificationUri} within ${minutes} minutes.`,
  );
}
