import { embeddingsBodyProblem } from "./render-embeddings.js";
import type { IncomingHttpHeaders } from "node:http";
import { vendorErrorBody, type ErrorVendor } from "./vendor-errors.js";
import type { FakeApi } from "./types.js";

/** A refusal the fake sends instead of a generation, as the real service would. */
export interface Rejection {
  status: number;
  body: unknown;
}

function reject(vendor: ErrorVendor, status: number, message: string, code: string | null = null): Rejection {
  return { status, body: vendorErrorBody(vendor, status, message, code) };
}

export function vendorOf(api: FakeApi): ErrorVendor {
  return api.startsWith("anthropic") ? "anthropic" : "openai";
}

/** OpenAI takes `Authorization: Bearer`; Anthropic takes `x-api-key` (or a bearer token). */
export function checkAuthentication(api: FakeApi, headers: IncomingHttpHeaders, apiKey: string): Rejection | undefined {
  const bearer = headers.authorization?.replace(/^Bearer\s+/i, "");
  if (vendorOf(api) === "anthropic") {
    const key = headers["x-api-key"] ?? bearer;
    if (key === undefined) return reject("anthropic", 401, "x-api-key header is required");
    if (key !== apiKey) return reject("anthropic", 401, "invalid x-api-key");
    if (headers["anthropic-version"] === undefined)
      return reject("anthropic", 400, "anthropic-version: header is required");
    return undefined;
  }
  if (bearer === undefined || bearer === "") {
    return reject(
      "openai",
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
    );
  }
  if (bearer !== apiKey) {
    return reject(
      "openai",
      401,
      `Incorrect API key provided: ${bearer.slice(0, 3)}***. You can find your API key at https://platform.openai.com/account/api-keys.`,
      "invalid_api_key",
    );
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The required fields each API checks before generating. */
export function checkBody(api: FakeApi, contentType: string | undefined, body: unknown): Rejection | undefined {
  const vendor = vendorOf(api);
  if (!(contentType ?? "").toLowerCase().startsWith("application/json")) {
    return reject(vendor, 400, "Invalid Content-Type header, expected application/json.");
  }
  if (!isRecord(body)) return reject(vendor, 400, "The request body is not valid JSON.");
  if (typeof body["model"] !== "string") {
    return vendor === "anthropic"
      ? reject(vendor, 400, "model: Field required")
      : reject(vendor, 400, "you must provide a model parameter");
  }
  if (api === "openai-chat") {
    const messages = body["messages"];
    if (!Array.isArray(messages)) {
      return reject(vendor, 400, "Missing required parameter: 'messages'.", "missing_required_parameter");
    }
    if (messages.length === 0) return reject(vendor, 400, "[] is too short - 'messages'", "empty_array");
    if (body["stream_options"] !== undefined && body["stream"] !== true) {
      return reject(vendor, 400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
    }
  }
  if (api === "openai-embeddings") {
    const problem = embeddingsBodyProblem(body);
    if (problem !== undefined) return reject(vendor, 400, problem);
  }
  if (api === "anthropic-messages" || api === "anthropic-count-tokens") {
    const messages = body["messages"];
    if (!Array.isArray(messages)) return reject(vendor, 400, "messages: Field required");
    if (messages.length === 0) return reject(vendor, 400, "messages: at least one message is required");
    if (api === "anthropic-messages" && typeof body["max_tokens"] !== "number") {
      return reject(vendor, 400, "max_tokens: Field required");
    }
    if (api === "anthropic-messages") return checkThinkingToolTurn(body);
  }
  return undefined;
}

/**
 * With extended thinking on (`type: "enabled"`), Anthropic requires the last assistant turn, when it
 * used tools, to open with its thinking block (extended thinking with tool use docs); it answers 400
 * otherwise. Adaptive thinking lets the model skip thinking on a turn, and Claude Code then sends
 * such a turn back as it came, so the fake does not apply the rule there.
 */
function checkThinkingToolTurn(body: Record<string, unknown>): Rejection | undefined {
  const thinking = body["thinking"];
  const type = isRecord(thinking) ? thinking["type"] : undefined;
  if (type !== "enabled") return undefined;
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : [];
  const index = messages.findLastIndex((message) => isRecord(message) && message["role"] === "assistant");
  const last = messages[index];
  const content = isRecord(last) && Array.isArray(last["content"]) ? (last["content"] as unknown[]) : [];
  const types = content.map((block) => (isRecord(block) ? block["type"] : undefined));
  if (!types.includes("tool_use") || types[0] === "thinking" || types[0] === "redacted_thinking") return undefined;
  return reject(
    "anthropic",
    400,
    `messages.${index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(types[0])}\`. ` +
      "When `thinking` is enabled, a final `assistant` message must start with a thinking block.",
  );
}
