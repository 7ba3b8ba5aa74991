import { GatewayError, isGatewayError } from "../../errors/index.js";

/**
 * Adds what a Duo user needs to know to the gateway's refusals. A 401 reaching here has already
 * been retried once with a fresh token. Anything else keeps the shared classification.
 */
export function explainGatewayError(options: { error: unknown; provider: string; model: string }): unknown {
  const { error, provider, model } = options;
  if (!isGatewayError(error) || error.upstream?.status === undefined) return error;
  // A used-up quota is not a rate limit: the shared classification already says so, in the vendor's words.
  if (error.code === "quota_exceeded") return error;
  const upstream = { ...error.upstream, provider };
  const excerpt = (error.upstream.bodyExcerpt ?? "").slice(0, 300);
  switch (error.upstream.status) {
    case 401:
      return new GatewayError(
        "upstream_authentication",
        `GitLab Duo (${provider}): the AI gateway refused a freshly issued direct-access token for ${model}. Check that gateway_url (or GITLAB_AI_GATEWAY_URL) is the gateway that serves your GitLab instance.`,
        { upstream, cause: error },
      );
    case 403:
      return new GatewayError(
        "permission",
        `GitLab Duo (${provider}): the AI gateway refused ${model} for this user. The model may not be included in your Duo add-on or may be turned off for your group.${excerpt === "" ? "" : ` Gateway said: ${excerpt}`}`,
        { upstream, cause: error },
      );
    case 429: {
      const wait = upstream.retryAfter === undefined ? "" : ` Retry after ${Math.ceil(upstream.retryAfter)} s.`;
      return new GatewayError(
        "rate_limited",
        `GitLab Duo (${provider}): the AI gateway is rate limiting requests for ${model}.${wait}`,
        {
          upstream,
          cause: error,
          headers: error.headers,
        },
      );
    }
    default:
      return error;
  }
}
