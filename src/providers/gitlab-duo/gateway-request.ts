import { GatewayError } from "../../errors/index.js";
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

/**
 * URL and headers of one gateway call. The proxy routes are fixed paths, so a client's
 * `?beta=true` is not appended; `anthropic-beta` carries the same intent as a header.
 */
export function buildGatewayRequest(options: {
  provider: string;
  gatewayUrl: string;
  request: UpstreamRequest;
  token: DirectAccessToken;
}): { url: string; headers: Record<string, string> } {
  const { request, token } = options;
  if (request.operation === "count_tokens") {
    throw new GatewayError(
      "unsupported_feature",
      `GitLab Duo (${options.provider}): the AI gateway proxies only Messages generation, not count_tokens.`,
    );
  }
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
  return { url: `${options.gatewayUrl}${gatewayPaths[request.api]}`, headers };
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) lowered[name.toLowerCase()] = value;
  return lowered;
}
