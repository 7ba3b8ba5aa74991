import { GatewayError } from "../../errors/index.js";
import type { UpstreamErrorFacts, UpstreamErrorRule } from "../../upstream/index.js";

const quotaPattern = /quota|premium request|allowance|exceeded your|usage limit|billing/i;
const notEnabledPattern =
  /not enabled|model_not_supported|not supported|enable (it|this model)|policy|not available for/i;

function said(facts: UpstreamErrorFacts): string {
  return facts.message === "" ? `HTTP ${facts.status}` : facts.message;
}

function codeText(facts: UpstreamErrorFacts): string {
  return `${facts.parsed.code ?? ""} ${facts.parsed.type ?? ""}`;
}

/**
 * Copilot's quota and model-policy refusals, told apart from the shared classification so the
 * message says what to do while keeping Copilot's own text (it names the plan and the setting).
 */
export function copilotApiErrorRules(model: string): UpstreamErrorRule[] {
  const quota: UpstreamErrorRule = (facts) => {
    if (![402, 403, 429].includes(facts.status)) return undefined;
    if (!quotaPattern.test(`${facts.message} ${codeText(facts)}`) || /rate limit/i.test(facts.message))
      return undefined;
    return new GatewayError(
      "quota_exceeded",
      `GitHub Copilot: ${said(facts)} — your premium requests for this period are used up. Run \`switchboard status\` to see the reset date, choose a model that costs no premium requests, or allow paid overage at https://github.com/settings/copilot/features.`,
      { upstream: facts.upstream },
    );
  };
  const notEnabled: UpstreamErrorRule = (facts) => {
    if (![400, 403, 404].includes(facts.status)) return undefined;
    if (!notEnabledPattern.test(`${facts.message} ${codeText(facts)}`)) return undefined;
    return new GatewayError(
      "permission",
      `GitHub Copilot: ${said(facts)} — the model ${model} is not enabled for this account. Enable it at https://github.com/settings/copilot/features (or ask your organisation's admin to allow it), then retry.`,
      { upstream: facts.upstream },
    );
  };
  return [quota, secondaryRateLimit, notEnabled];
}

/**
 * GitHub's secondary rate limits answer 403 (sometimes 429) saying "secondary rate limit", with
 * `retry-after` when it knows: a pause to wait out, not a permission problem.
 */
const secondaryRateLimit: UpstreamErrorRule = (facts) => {
  if (facts.status !== 403 || !/secondary rate limit|rate.?limit/i.test(facts.message)) return undefined;
  return new GatewayError("rate_limited", `GitHub Copilot: ${said(facts)}`, { upstream: facts.upstream });
};

/**
 * `count_tokens` on Copilot's Anthropic endpoint: open proxies forward it to
 * `/v1/messages/count_tokens`, but a host or model without it answers 404 (or 400 naming the
 * endpoint). Those become `unsupported_feature`, which the gateway answers with an estimate.
 */
export function copilotCountTokensErrorRules(model: string): UpstreamErrorRule[] {
  return [
    (facts) => {
      const missing =
        facts.status === 404 ||
        facts.status === 405 ||
        (facts.status === 400 && /count_tokens|endpoint|not (?:found|supported)/i.test(facts.message));
      if (!missing) return undefined;
      return new GatewayError(
        "unsupported_feature",
        `GitHub Copilot does not count tokens for ${model} (${said(facts)}); the count is estimated instead.`,
        { upstream: facts.upstream },
      );
    },
  ];
}

/**
 * The GitHub token exchange: 401 means the GitHub token is expired or revoked; 403/404 mean the
 * account has no Copilot. Both say where the token came from and how to sign in again.
 */
export function githubTokenErrorRules(tokenDescription: string): UpstreamErrorRule[] {
  const githubSaid = (facts: UpstreamErrorFacts): string =>
    facts.message === "" ? "" : ` GitHub said: "${facts.message}".`;
  return [
    (facts) => {
      if (facts.status !== 401) return undefined;
      return new GatewayError(
        "upstream_authentication",
        `GitHub rejected the token from ${tokenDescription} (expired or revoked).${githubSaid(facts)} Run \`switchboard login github\` to sign in again.`,
        { upstream: facts.upstream },
      );
    },
    (facts) => {
      if (facts.status !== 403 && facts.status !== 404) return undefined;
      return new GatewayError(
        "permission",
        `The GitHub account signed in through ${tokenDescription} has no GitHub Copilot access.${githubSaid(facts)} Check the subscription at https://github.com/settings/copilot, or sign in with an entitled account: \`switchboard login github\`.`,
        { upstream: facts.upstream },
      );
    },
  ];
}
