import type { WireApi } from "../../protocols/wire-api.js";
import type { UpstreamRequest } from "../provider.js";
import type { DirectAccessToken } from "./fetch-direct-access-token.js";

/** The AI gateway's vendor proxy routes, one per wire API. */
export const gatewayPaths: Record<WireApi, string> = {
  "anthropic-messages": "/ai/v1/proxy/anthropic/v1/messages",
  "openai-chat": "/ai/v1/proxy/openai/v1/chat/completions",
  "openai-responses": "/ai/v1/proxy/openai/v1/responses",
};

const defaultAnthropicVersion = "2023-06-01";

/** GitLab's AI gateway forwards Anthropic's token counting beside generation. */
export const countTokensPath = "/ai/v1/proxy/anthropic/v1/messages/count_tokens";

/**
 * URL and headers of one gateway call. The Anthropic proxy accepts Claude Code's `?beta=true`
 * query (GitLab's gateway routes `/v1/messages?beta=true` like `/v1/messages`), so it is kept
 * there; the OpenAI proxies get no query.
 */
export function buildGatewayRequest(options: {
  provider: string;
  gatewayUrl: string;
  request: UpstreamRequest;
  token: DirectAccessToken;
}): { url: string; headers: Record<string, string> } {
  const { request, token } = options;
  const headers: Record<string, string> = {
    ...token.headers,
    authorization: `Bearer ${token.token}`,
    "content-type": "application/json",
    accept: request.stream ? "text/event-stream" : "application/json",
  };
  const forward = lowerCaseKeys(request.context.forwardHeaders);
  if (request.api === "anthropic-messages") {
    headers["anthropic-version"] = forward["anthropic-version"] ?? defaultAnthropicVersion;
    if (forward["anthropic-beta"] !== undefined) headers["anthropic-beta"] = forward["anthropic-beta"];
  } else if (forward["openai-beta"] !== undefined) {
    headers["openai-beta"] = forward["openai-beta"];
  }
  const path = request.operation === "count_tokens" ? countTokensPath : gatewayPaths[request.api];
  const query = request.api === "anthropic-messages" ? anthropicQuery(request.query) : "";
  return { url: `${options.gatewayUrl}${path}${query}`, headers };
}

/** Only a query string survives (`?beta=true`); anything else the client appended is not ours to pass on. */
function anthropicQuery(query: string | undefined): string {
  if (query === undefined || query === "") return "";
  return query.startsWith("?") ? query : `?${query}`;
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) lowered[name.toLowerCase()] = value;
  return lowered;
}
