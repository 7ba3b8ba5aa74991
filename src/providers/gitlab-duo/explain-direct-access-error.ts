import { GatewayError, isGatewayError } from "../../errors/index.js";

/**
 * Turns a failed direct_access exchange into a message that says what is wrong and how to fix it.
 * GitLab answers 401 for an unknown, expired or revoked token; 403 `insufficient_scope` for a token
 * without `api`; a bare 403 when the user has no Duo seat or add-on; and a 403 naming the setting when
 * Duo (or direct connections) is turned off for the group or instance.
 */
export function explainDirectAccessError(options: { error: unknown; provider: string; instanceUrl: string }): unknown {
  const { error, provider, instanceUrl } = options;
  if (!isGatewayError(error) || error.upstream?.status === undefined) return error;
  const status = error.upstream.status;
  const body = (error.upstream.bodyExcerpt ?? "").toLowerCase();
  const tokenPage = `${instanceUrl}/-/user_settings/personal_access_tokens`;
  const upstream = { ...error.upstream, provider };
  const because = { upstream, cause: error };

  if (body.includes("insufficient_scope") || (body.includes("scope") && (status === 401 || status === 403))) {
    return new GatewayError(
      "upstream_authentication",
      `GitLab Duo (${provider}): the personal access token in GITLAB_TOKEN lacks the "api" scope, which ${instanceUrl} requires to issue a Duo access token. Create a token with the "api" scope at ${tokenPage} and set GITLAB_TOKEN to it.`,
      because,
    );
  }
  if (status === 401) {
    const reason = body.includes("expired")
      ? "has expired"
      : body.includes("revoked")
        ? "was revoked"
        : "is invalid, expired or revoked";
    return new GatewayError(
      "upstream_authentication",
      `GitLab Duo (${provider}): ${instanceUrl} rejected the personal access token in GITLAB_TOKEN: it ${reason}. Create a new token with the "api" scope at ${tokenPage} and set GITLAB_TOKEN to it (for a self-managed instance, also set GITLAB_INSTANCE_URL).`,
      because,
    );
  }
  if (status === 403) {
    if (/disabled|turned off|not enabled/.test(body)) {
      return new GatewayError(
        "permission",
        `GitLab Duo (${provider}): GitLab Duo is turned off for your group or instance on ${instanceUrl} (GitLab said: ${quote(error.upstream.bodyExcerpt)}). Ask a group Owner to turn GitLab Duo on under the top-level group's Settings > GitLab Duo (or an administrator under Admin > GitLab Duo on a self-managed instance).`,
        because,
      );
    }
    return new GatewayError(
      "permission",
      `GitLab Duo (${provider}): ${instanceUrl} refused a Duo access token for this user: the account has no GitLab Duo seat (Duo Core, Pro or Enterprise add-on on a Premium or Ultimate plan). Ask a group Owner or administrator to assign you a seat under Settings > GitLab Duo, or use a token of a user who has one.`,
      because,
    );
  }
  if (status === 404) {
    return new GatewayError(
      "upstream_error",
      `GitLab Duo (${provider}): ${instanceUrl} has no /api/v4/ai/third_party_agents/direct_access endpoint. Check GITLAB_INSTANCE_URL; a self-managed instance needs a GitLab version that offers Duo's direct access (18.x or later).`,
      { ...because, retryable: false },
    );
  }
  return error;
}

function quote(text: string | undefined): string {
  return JSON.stringify((text ?? "").slice(0, 200));
}
