import type { WireApi } from "../../../src/protocols/wire-api.js";

/** Each client route, a valid body for it, and how its clients send the key. */
export interface Route {
  api: WireApi;
  path: string;
  validBody(model: string): Record<string, unknown>;
  /** The field holding the conversation, to make empty or mistyped. */
  conversationField: "messages" | "input";
  authHeaders(key: string): Record<string, string>;
}

export const routes: Route[] = [
  {
    api: "anthropic-messages",
    path: "/v1/messages",
    validBody: (model) => ({ model, max_tokens: 64, messages: [{ role: "user", content: "Hi" }] }),
    conversationField: "messages",
    authHeaders: (key) => ({ "x-api-key": key, "anthropic-version": "2023-06-01" }),
  },
  {
    api: "openai-chat",
    path: "/v1/chat/completions",
    validBody: (model) => ({ model, messages: [{ role: "user", content: "Hi" }] }),
    conversationField: "messages",
    authHeaders: (key) => ({ authorization: `Bearer ${key}` }),
  },
  {
    api: "openai-responses",
    path: "/v1/responses",
    validBody: (model) => ({ model, input: [{ role: "user", content: "Hi" }] }),
    conversationField: "input",
    authHeaders: (key) => ({ authorization: `Bearer ${key}` }),
  },
];

/** The error body each API documents: Anthropic `{type:"error", error:{type,message}}`, OpenAI `{error:{message,type,param,code}}`. */
export function readErrorShape(
  api: WireApi,
  body: unknown,
): { type: string; message: string; code?: unknown } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const error = record["error"] as Record<string, unknown> | undefined;
  if (typeof error !== "object" || error === null) return undefined;
  if (typeof error["message"] !== "string" || typeof error["type"] !== "string") return undefined;
  if (api === "anthropic-messages" && record["type"] !== "error") return undefined;
  if (api === "anthropic-messages") return { type: error["type"], message: error["message"] };
  return { type: error["type"], message: error["message"], code: error["code"] };
}
