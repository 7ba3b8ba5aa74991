import type { UpstreamResponse, UpstreamTimeouts } from "../providers/provider.js";

/**
 * The one outbound HTTP call every provider uses (implementation lands with the providers work):
 * keep-alive pools per origin (undici), connect / first-byte / idle-between-chunks timeouts,
 * cancellation through `signal`, and every non-2xx answer turned into a `GatewayError` by
 * `classifyUpstreamError` (rate limit, quota, overload, context length, upstream auth, …).
 */
export interface SendUpstreamOptions {
  /** The provider id, for error messages and `GatewayError.upstream.provider`. */
  provider: string;
  url: string;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  body?: Buffer | string;
  signal?: AbortSignal;
  timeouts: UpstreamTimeouts;
}

export async function sendUpstream(_options: SendUpstreamOptions): Promise<UpstreamResponse> {
  throw new Error("sendUpstream: not implemented yet");
}
