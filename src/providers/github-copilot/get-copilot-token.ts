import { GatewayError, isGatewayError } from "../../errors/index.js";
import type { UpstreamTimeouts } from "../provider.js";
import { copilotHeaderValues } from "./copilot-headers.js";
import { joinUrl, readBodyJson, type SendFunction } from "./http.js";
import { numberField, parseJsonOrUndefined, recordField, stringField } from "./json-fields.js";

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
  let answer: unknown;
  try {
    const response = await options.send({
      provider: options.provider,
      url: joinUrl(options.githubApiUrl, "/copilot_internal/v2/token"),
      method: "GET",
      headers: {
        authorization: `token ${options.githubToken}`,
        accept: "application/json",
        "editor-version": copilotHeaderValues.editorVersion,
        "editor-plugin-version": copilotHeaderValues.editorPluginVersion,
        "user-agent": copilotHeaderValues.userAgent,
        "x-github-api-version": copilotHeaderValues.githubApiVersion,
      },
      timeouts: options.timeouts,
    });
    answer = await readBodyJson(response);
  } catch (error) {
    throw explainExchangeFailure(error, options);
  }
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

function explainExchangeFailure(error: unknown, options: GetCopilotTokenOptions): unknown {
  if (!isGatewayError(error) || error.upstream?.status === undefined) return error;
  const status = error.upstream.status;
  const upstreamText = upstreamMessage(error.upstream.bodyExcerpt);
  const said = upstreamText === undefined ? "" : ` GitHub said: "${upstreamText}".`;
  if (status === 401) {
    return new GatewayError(
      "upstream_authentication",
      `GitHub rejected the token from ${options.tokenDescription} (expired or revoked).${said} Run \`switchboard login github\` to sign in again.`,
      { upstream: error.upstream, cause: error },
    );
  }
  if (status === 403 || status === 404) {
    return new GatewayError(
      "permission",
      `The GitHub account signed in through ${options.tokenDescription} has no GitHub Copilot access.${said} Check the subscription at https://github.com/settings/copilot, or sign in with an entitled account: \`switchboard login github\`.`,
      { upstream: error.upstream, cause: error },
    );
  }
  return error;
}

/** The human-readable message in an upstream error body (`{error:{message}}`, `{message}`), else the raw text. */
export function upstreamMessage(bodyExcerpt: string | undefined): string | undefined {
  if (bodyExcerpt === undefined || bodyExcerpt.trim() === "") return undefined;
  const parsed = parseJsonOrUndefined(bodyExcerpt);
  return (
    stringField(recordField(parsed, "error"), "message") ??
    stringField(parsed, "message") ??
    stringField(parsed, "error_description") ??
    stringField(parsed, "error") ??
    bodyExcerpt.trim().slice(0, 500)
  );
}
