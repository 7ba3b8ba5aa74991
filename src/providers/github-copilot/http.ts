import type { Readable } from "node:stream";
import type { UpstreamResponse, UpstreamTimeouts } from "../provider.js";
import { sendUpstream, type SendUpstreamOptions } from "../../upstream/send-upstream.js";
import { parseJsonOrUndefined } from "./json-fields.js";

/**
 * The outbound call the provider makes: `sendUpstream` in production. Tests (and tools that run
 * before the gateway's HTTP client exists) inject another function with the same contract:
 * resolve for 2xx, throw a `GatewayError` carrying `upstream.status` / `bodyExcerpt` otherwise.
 */
export type SendFunction = (options: SendUpstreamOptions) => Promise<UpstreamResponse>;

export const defaultSend: SendFunction = sendUpstream;

export const defaultTimeouts: UpstreamTimeouts = { connectMs: 10_000, firstByteMs: 120_000, idleMs: 120_000 };

export async function readBodyText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a whole JSON answer (token exchange, `/models`, device flow); undefined when it is not JSON. */
export async function readBodyJson(response: UpstreamResponse): Promise<unknown> {
  return parseJsonOrUndefined(await readBodyText(response.body));
}

/** Joins a base URL (which may carry a path, as on GitHub Enterprise's `/api/v3`) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}
