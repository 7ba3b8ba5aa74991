import type { Readable } from "node:stream";
import type { UpstreamResponse, UpstreamTimeouts } from "../provider.js";
import { sendUpstream } from "../../upstream/index.js";
import { parseJsonOrUndefined } from "./json-fields.js";

/**
 * The outbound call: the shared `sendUpstream` (keep-alive pools, timeouts, classification).
 * Tests may pass another function with the same contract; nothing in production does.
 */
export type SendFunction = typeof sendUpstream;

export const defaultSend: SendFunction = sendUpstream;

export const defaultTimeouts: UpstreamTimeouts = { connectMs: 10_000, firstByteMs: 120_000, idleMs: 120_000 };

async function readBodyText(body: Readable): Promise<string> {
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
