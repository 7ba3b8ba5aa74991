import { request } from "undici";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import { readErrorShape } from "../../e2e/support/routes.js";
import { hardeningKey } from "./start-hardening-stack.js";

export const clientPaths: Record<WireApi, string> = {
  "anthropic-messages": "/v1/messages",
  "openai-chat": "/v1/chat/completions",
  "openai-responses": "/v1/responses",
};

function authHeaders(api: WireApi): Record<string, string> {
  return api === "anthropic-messages"
    ? { "x-api-key": hardeningKey, "anthropic-version": "2023-06-01" }
    : { authorization: `Bearer ${hardeningKey}` };
}

/** What went wrong with one answer, or `ok`. */
export type Verdict =
  | { kind: "ok"; status: number }
  | { kind: "server-error" | "dropped" | "wrong-shape"; status?: number; detail: string };

/** Sends `body` (any string) to the client route of `api` and judges the answer as the client would see it. */
export async function sendAndJudge(options: { baseUrl: string; api: WireApi; body: string }): Promise<Verdict> {
  let status: number;
  let contentType: string;
  let text: string;
  try {
    // undici's own client, as the official SDKs' fetch uses, without fetch's per-request cost.
    const response = await request(`${options.baseUrl}${clientPaths[options.api]}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders(options.api) },
      body: options.body,
    });
    status = response.statusCode;
    contentType = String(response.headers["content-type"] ?? "");
    text = await response.body.text();
  } catch (error) {
    return { kind: "dropped", detail: String(error) };
  }
  if (status >= 500) return { kind: "server-error", status, detail: text.slice(0, 300) };
  if (status >= 400) {
    const shape = contentType.includes("application/json") ? readErrorShape(options.api, parseJson(text)) : undefined;
    return shape === undefined ? { kind: "wrong-shape", status, detail: text.slice(0, 300) } : { kind: "ok", status };
  }
  if (contentType.includes("text/event-stream")) return judgeStream(options.api, text, status);
  return parseJson(text) === undefined
    ? { kind: "wrong-shape", status, detail: `not JSON: ${text.slice(0, 200)}` }
    : { kind: "ok", status };
}

/** A 200 stream: every frame is JSON, and an in-band error (a failure after the headers) is ours to explain. */
function judgeStream(api: WireApi, text: string, status: number): Verdict {
  for (const line of text.split("\n")) {
    if (!line.startsWith("data:")) continue;
    const data = line.slice(5).trim();
    if (data === "[DONE]") continue;
    const event = parseJson(data) as Record<string, unknown> | undefined;
    if (event === undefined)
      return { kind: "wrong-shape", status, detail: `stream frame not JSON: ${data.slice(0, 200)}` };
    const failed =
      event["type"] === "error" || event["type"] === "response.failed" || (api === "openai-chat" && "error" in event);
    if (failed) return { kind: "server-error", status, detail: `in-band error: ${data.slice(0, 300)}` };
  }
  return { kind: "ok", status };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
