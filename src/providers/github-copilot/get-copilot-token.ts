import { GatewayError } from "../../errors/index.js";
import type { UpstreamTimeouts } from "../provider.js";
import { githubApiHeaders } from "./copilot-headers.js";
import { githubTokenErrorRules } from "./copilot-error-rules.js";
import { joinUrl, readJsonBody, type SendFunction } from "../../upstream/index.js";
import { numberField, recordField, stringField } from "./json-fields.js";

export interface CopilotToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** Seconds after issue at which GitHub suggests refreshing. */
  refreshInSeconds: number | undefined;
  /** The API base for this account (individual, business and enterprise differ). */
  apiUrl: string | undefined;
  sku: string | undefined;
}

export interface GetCopilotTokenOptions {
  provider: string;
  githubApiUrl: string;
  githubToken: string;
  /** Where the GitHub token came from, for error messages. */
  tokenDescription: string;
  send: SendFunction;
  timeouts: UpstreamTimeouts;
}

/** Exchanges a GitHub token for a short-lived Copilot token; this also proves Copilot access. */
export async function getCopilotToken(options: GetCopilotTokenOptions): Promise<CopilotToken> {
  const response = await options.send({
    provider: options.provider,
    url: joinUrl(options.githubApiUrl, "/copilot_internal/v2/token"),
    method: "GET",
    headers: githubApiHeaders(options.githubToken),
    timeouts: options.timeouts,
    errorRules: githubTokenErrorRules(options.tokenDescription),
    secrets: [options.githubToken],
  });
  const answer = await readJsonBody(response.body);
  const token = stringField(answer, "token");
  const expiresAtSeconds = numberField(answer, "expires_at");
  if (token === undefined || expiresAtSeconds === undefined) {
    throw new GatewayError("upstream_error", "GitHub's Copilot token answer had no token or expiry.", {
      upstream: { provider: options.provider },
    });
  }
  return {
    token,
    expiresAt: expiresAtSeconds * 1000,
    refreshInSeconds: numberField(answer, "refresh_in"),
    apiUrl: stringField(recordField(answer, "endpoints"), "api"),
    sku: stringField(answer, "sku"),
  };
}
