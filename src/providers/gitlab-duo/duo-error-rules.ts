import { GatewayError } from "../../errors/index.js";
import type { ErrorCode } from "../../errors/index.js";
import { defaultUpstreamErrorRules, type UpstreamErrorFacts, type UpstreamErrorRule } from "../../upstream/index.js";

function lowerBody(facts: UpstreamErrorFacts): string {
  return (facts.upstream.bodyExcerpt ?? "").toLowerCase();
}

function quote(text: string | undefined): string {
  return JSON.stringify((text ?? "").slice(0, 200));
}

/** What the shared rules alone would call this answer, so a Duo rule can step aside (a quota is not a rate limit). */
function sharedCode(facts: UpstreamErrorFacts): ErrorCode | undefined {
  for (const rule of defaultUpstreamErrorRules) {
    const error = rule(facts);
    if (error !== undefined) return error.code;
  }
  return undefined;
}

/**
 * The direct_access exchange. GitLab answers 401 for an unknown, expired or revoked token; 403
 * `insufficient_scope` for a token without `api`; a bare 403 when the user has no Duo seat or
 * add-on; a 403 naming the setting when Duo is off for the group or instance; 404 where the
 * instance has no such endpoint.
 */
export function directAccessErrorRules(options: { provider: string; instanceUrl: string }): UpstreamErrorRule[] {
  const { provider, instanceUrl } = options;
  const tokenPage = `${instanceUrl}/-/user_settings/personal_access_tokens`;
  const missingScope: UpstreamErrorRule = (facts) => {
    const body = lowerBody(facts);
    const scope = body.includes("insufficient_scope") || (body.includes("scope") && [401, 403].includes(facts.status));
    if (!scope) return undefined;
    return new GatewayError(
      "upstream_authentication",
      `GitLab Duo (${provider}): the personal access token in GITLAB_TOKEN lacks the "api" scope, which ${instanceUrl} requires to issue a Duo access token. Create a token with the "api" scope at ${tokenPage} and set GITLAB_TOKEN to it.`,
      { upstream: facts.upstream },
    );
  };
  const rejectedToken: UpstreamErrorRule = (facts) => {
    if (facts.status !== 401) return undefined;
    const body = lowerBody(facts);
    const reason = body.includes("expired")
      ? "has expired"
      : body.includes("revoked")
        ? "was revoked"
        : "is invalid, expired or revoked";
    return new GatewayError(
      "upstream_authentication",
      `GitLab Duo (${provider}): ${instanceUrl} rejected the personal access token in GITLAB_TOKEN: it ${reason}. Create a new token with the "api" scope at ${tokenPage} and set GITLAB_TOKEN to it (for a self-managed instance, also set GITLAB_INSTANCE_URL).`,
      { upstream: facts.upstream },
    );
  };
  const refused: UpstreamErrorRule = (facts) => {
    if (facts.status !== 403) return undefined;
    if (/disabled|turned off|not enabled/.test(lowerBody(facts))) {
      return new GatewayError(
        "permission",
        `GitLab Duo (${provider}): GitLab Duo is turned off for your group or instance on ${instanceUrl} (GitLab said: ${quote(facts.upstream.bodyExcerpt)}). Ask a group Owner to turn GitLab Duo on under the top-level group's Settings > GitLab Duo (or an administrator under Admin > GitLab Duo on a self-managed instance).`,
        { upstream: facts.upstream },
      );
    }
    return new GatewayError(
      "permission",
      `GitLab Duo (${provider}): ${instanceUrl} refused a Duo access token for this user: the account has no GitLab Duo seat (Duo Core, Pro or Enterprise add-on on a Premium or Ultimate plan). Ask a group Owner or administrator to assign you a seat under Settings > GitLab Duo, or use a token of a user who has one.`,
      { upstream: facts.upstream },
    );
  };
  const noEndpoint: UpstreamErrorRule = (facts) => {
    if (facts.status !== 404) return undefined;
    return new GatewayError(
      "upstream_error",
      `GitLab Duo (${provider}): ${instanceUrl} has no /api/v4/ai/third_party_agents/direct_access endpoint. Check GITLAB_INSTANCE_URL; a self-managed instance needs a GitLab version that offers Duo's direct access (18.x or later).`,
      { upstream: facts.upstream, retryable: false },
    );
  };
  return [missingScope, rejectedToken, refused, noEndpoint];
}

/**
 * The AI gateway's refusals, with what a Duo user needs to know. A 401 that reaches the client
 * has already been retried once with a fresh token. A used-up quota keeps the shared
 * classification (`quota_exceeded`, in the vendor's words).
 */
export function gatewayErrorRules(options: { provider: string; model: string }): UpstreamErrorRule[] {
  const { provider, model } = options;
  const staleToken: UpstreamErrorRule = (facts) => {
    if (facts.status !== 401) return undefined;
    return new GatewayError(
      "upstream_authentication",
      `GitLab Duo (${provider}): the AI gateway refused a freshly issued direct-access token for ${model}. Check that gateway_url (or GITLAB_AI_GATEWAY_URL) is the gateway that serves your GitLab instance.`,
      { upstream: facts.upstream },
    );
  };
  const modelRefused: UpstreamErrorRule = (facts) => {
    if (facts.status !== 403 || sharedCode(facts) === "quota_exceeded") return undefined;
    const excerpt = (facts.upstream.bodyExcerpt ?? "").slice(0, 300);
    return new GatewayError(
      "permission",
      `GitLab Duo (${provider}): the AI gateway refused ${model} for this user. The model may not be included in your Duo add-on or may be turned off for your group.${excerpt === "" ? "" : ` Gateway said: ${excerpt}`}`,
      { upstream: facts.upstream },
    );
  };
  const rateLimited: UpstreamErrorRule = (facts) => {
    if (facts.status !== 429 || sharedCode(facts) !== "rate_limited") return undefined;
    const wait = facts.retryAfter === undefined ? "" : ` Retry after ${Math.ceil(facts.retryAfter)} s.`;
    return new GatewayError(
      "rate_limited",
      `GitLab Duo (${provider}): the AI gateway is rate limiting requests for ${model}.${wait}`,
      { upstream: facts.upstream },
    );
  };
  return [staleToken, modelRefused, rateLimited];
}

/**
 * `count_tokens` through the Anthropic proxy: GitLab's AI gateway forwards it, but an older or
 * self-hosted gateway answers 404. That becomes `unsupported_feature`, which the gateway
 * answers with an estimate.
 */
export function countTokensErrorRules(options: { provider: string; model: string }): UpstreamErrorRule[] {
  return [
    (facts) => {
      if (facts.status !== 404 && facts.status !== 405) return undefined;
      return new GatewayError(
        "unsupported_feature",
        `GitLab Duo (${options.provider}): this AI gateway does not count tokens for ${options.model}; the count is estimated instead.`,
        { upstream: facts.upstream },
      );
    },
  ];
}
