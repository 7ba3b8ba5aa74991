import type { WireApi } from "../../protocols/wire-api.js";
import type { RequestContext } from "../../providers/provider.js";

const forwardedHeaderNames: Record<WireApi, string[]> = {
  "anthropic-messages": ["anthropic-beta", "anthropic-version"],
  "openai-chat": ["openai-beta"],
  "openai-responses": ["openai-beta"],
};

/**
 * Client headers that only mean something to an upstream of the same API: Claude Code's
 * `anthropic-beta` list selects features its body relies on. Translated requests get none.
 */
export function pickForwardHeaders(
  headers: Record<string, string | string[] | undefined>,
  clientApi: WireApi,
  upstreamApi: WireApi,
): Record<string, string> {
  if (clientApi !== upstreamApi) return {};
  const picked: Record<string, string> = {};
  for (const name of forwardedHeaderNames[clientApi]) {
    const value = headers[name];
    if (value === undefined) continue;
    picked[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return picked;
}

export function buildRequestContext(
  options: Omit<RequestContext, "forwardHeaders"> & {
    headers: Record<string, string | string[] | undefined>;
    upstreamApi: WireApi;
  },
): RequestContext {
  const context: RequestContext = {
    requestId: options.requestId,
    clientApi: options.clientApi,
    initiator: options.initiator,
    hasImages: options.hasImages,
    forwardHeaders: pickForwardHeaders(options.headers, options.clientApi, options.upstreamApi),
  };
  if (options.sideRequest !== undefined) context.sideRequest = options.sideRequest;
  if (options.onQueueWait !== undefined) context.onQueueWait = options.onQueueWait;
  return context;
}
