import { GatewayError } from "../../errors/index.js";
import type { UpstreamTimeouts } from "../provider.js";
import { readBoundedText, type SendFunction } from "../../upstream/index.js";
import { directAccessErrorRules } from "./duo-error-rules.js";

/** A short-lived credential for the AI gateway and the headers that must go with it. */
export interface DirectAccessToken {
  token: string;
  headers: Record<string, string>;
  /** Epoch milliseconds, when GitLab said; most answers carry no expiry. */
  expiresAt?: number;
}

export interface FetchDirectAccessTokenOptions {
  send: SendFunction;
  provider: string;
  instanceUrl: string;
  personalAccessToken: string;
  featureFlags?: Record<string, boolean>;
  timeouts: UpstreamTimeouts;
}

/** Far above a real answer (a token and a few headers); it only bounds a broken one. */
const directAccessAnswerLimit = 1024 * 1024;

/** Headers from GitLab's answer that must not be copied onto gateway calls: we set them ourselves. */
const headersNotForwarded = new Set([
  "authorization",
  "x-api-key",
  "host",
  "content-length",
  "content-type",
  "connection",
]);

export async function fetchDirectAccessToken(options: FetchDirectAccessTokenOptions): Promise<DirectAccessToken> {
  const body = options.featureFlags === undefined ? {} : { feature_flags: options.featureFlags };
  const response = await options.send({
    provider: options.provider,
    url: `${options.instanceUrl}/api/v4/ai/third_party_agents/direct_access`,
    method: "POST",
    headers: {
      authorization: `Bearer ${options.personalAccessToken}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify(body),
    timeouts: options.timeouts,
    errorRules: directAccessErrorRules({ provider: options.provider, instanceUrl: options.instanceUrl }),
    secrets: [options.personalAccessToken],
  });
  const text = await readBoundedText(response.body, directAccessAnswerLimit);
  return parseDirectAccessAnswer(text, options.provider);
}

export function parseDirectAccessAnswer(text: string, provider: string): DirectAccessToken {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  if (typeof payload !== "object" || payload === null || typeof (payload as { token?: unknown }).token !== "string") {
    throw new GatewayError("upstream_error", `GitLab Duo (${provider}): the direct_access answer carried no token.`, {
      upstream: { provider, bodyExcerpt: text.slice(0, 200).replace(/"token"\s*:\s*"[^"]*"/g, '"token":"[redacted]"') },
    });
  }
  const record = payload as { token: string; headers?: unknown; expires_at?: unknown };
  const headers: Record<string, string> = {};
  if (typeof record.headers === "object" && record.headers !== null) {
    for (const [name, value] of Object.entries(record.headers)) {
      if (typeof value === "string" && !headersNotForwarded.has(name.toLowerCase()))
        headers[name.toLowerCase()] = value;
    }
  }
  const token: DirectAccessToken = { token: record.token, headers };
  const expiresAt = parseExpiresAt(record.expires_at);
  if (expiresAt !== undefined) token.expiresAt = expiresAt;
  return token;
}

/** Unix seconds, epoch milliseconds or an ISO date: clients have seen each spelling of an expiry. */
export function parseExpiresAt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value > 1e12 ? value : value * 1000;
  if (typeof value === "string" && value.trim() !== "") {
    if (/^\d+(\.\d+)?$/.test(value.trim())) return parseExpiresAt(Number(value));
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}
