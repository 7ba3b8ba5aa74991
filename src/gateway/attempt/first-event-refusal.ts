import type { GatewayError } from "../../errors/gateway-error.js";
import { classifyUpstreamError } from "../../upstream/classify-upstream-error.js";

const errorKey = Buffer.from('"error"');

/** The HTTP status an in-stream error would have had as a response of its own. */
function statusOf(error: Record<string, unknown>): number {
  const kind = String(error["type"] ?? error["code"] ?? "");
  if (kind === "overloaded_error") return 529;
  if (/rate_limit|insufficient_quota|quota/.test(kind)) return 429;
  if (kind === "invalid_request_error" || kind === "invalid_request") return 400;
  return 500;
}

/**
 * Some upstreams accept a stream with 200 and then refuse it in the first event (Anthropic's
 * `event: error` with `overloaded_error`, an OpenAI-style `data: {"error": …}`). Nothing has reached
 * the client yet, so this is a failed attempt like any other: it is classified as the same body
 * would be on a non-2xx answer, and the router may retry it or move on.
 */
export function firstEventRefusal(provider: string, firstChunk: Buffer | string): GatewayError | undefined {
  // This runs on every streamed answer: first one search for `"error"` in the raw chunk, which
  // finds nothing in nearly all of them, and nothing decoded or copied until it does.
  const errorAt = typeof firstChunk === "string" ? firstChunk.indexOf('"error"') : firstChunk.indexOf(errorKey);
  if (errorAt < 0) return undefined;
  const end = firstChunk.indexOf("\n\n");
  // Only the first event is decoded (the first chunk may hold a whole short stream).
  if (end < 0 || errorAt > end) return undefined;
  const block = typeof firstChunk === "string" ? firstChunk.slice(0, end) : firstChunk.toString("utf8", 0, end);
  let eventName: string | undefined;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) eventName = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.join("\n"));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const error = (parsed as Record<string, unknown>)["error"];
  const isError = eventName === "error" || (parsed as Record<string, unknown>)["type"] === "error";
  if (error === null || typeof error !== "object" || (!isError && eventName !== undefined)) return undefined;
  return classifyUpstreamError({
    provider,
    status: statusOf(error as Record<string, unknown>),
    headers: {},
    bodyText: data.join("\n"),
  });
}
