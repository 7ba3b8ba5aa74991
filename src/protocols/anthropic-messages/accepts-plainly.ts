/**
 * A compiled form of the request schema's common path: plain loops over the body that answer
 * "certainly valid" for the requests clients really send, without zod's per-node overhead
 * (zod took ~40 µs on a 77 KB Claude Code body, this a few). It accepts only what the zod schema
 * in schemas.ts accepts; anything it is unsure of goes to zod, which also words every error.
 */
import {
  everyItem,
  isObject,
  isOptionalInteger,
  isOptionalNumber,
  isOptionalString,
  isString,
} from "../plain-checks.js";

function sourceAccepted(source: unknown, kinds: readonly string[]): boolean {
  if (!isObject(source) || !isString(source["type"]) || !kinds.includes(source["type"])) return false;
  switch (source["type"]) {
    case "base64":
      return isString(source["media_type"]) && isString(source["data"]);
    case "url":
      return isString(source["url"]);
    case "file":
      return isString(source["file_id"]);
    case "text":
      return isString(source["data"]);
    case "content":
      return isString(source["content"]) || Array.isArray(source["content"]);
    default:
      return false;
  }
}

const imageSources = ["base64", "url", "file"] as const;
const documentSources = ["base64", "url", "text", "content", "file"] as const;

function blockAccepted(block: unknown): boolean {
  if (!isObject(block)) return false;
  const type = block["type"];
  if (!isString(type)) return false;
  switch (type) {
    case "text":
      return isString(block["text"]);
    case "image":
      return sourceAccepted(block["source"], imageSources);
    case "document":
      return sourceAccepted(block["source"], documentSources);
    case "thinking":
      return isString(block["thinking"]) && isString(block["signature"]);
    case "redacted_thinking":
      return isString(block["data"]);
    case "tool_use":
      return isString(block["id"]) && isString(block["name"]) && isObject(block["input"]);
    case "tool_result": {
      const content = block["content"];
      const contentAccepted = content === undefined || isString(content) || blocksAccepted(content);
      return (
        isString(block["tool_use_id"]) &&
        contentAccepted &&
        (block["is_error"] === undefined || typeof block["is_error"] === "boolean")
      );
    }
    default:
      // Block types the gateway does not know pass with just their `type`.
      return true;
  }
}

function blocksAccepted(value: unknown): boolean {
  return everyItem(value, blockAccepted);
}

const roles = new Set(["user", "assistant", "system"]);

function messageAccepted(message: unknown): boolean {
  if (!isObject(message) || !isString(message["role"]) || !roles.has(message["role"])) return false;
  const content = message["content"];
  return isString(content) || blocksAccepted(content);
}

function toolAccepted(tool: unknown): boolean {
  if (!isObject(tool) || !isString(tool["name"])) return false;
  const type = tool["type"];
  return (type !== undefined && type !== "custom") || isObject(tool["input_schema"]);
}

const toolChoiceTypes = new Set(["auto", "any", "tool", "none"]);
const thinkingTypes = new Set(["enabled", "adaptive", "disabled"]);

function optionalAccepted(value: unknown, accepted: (value: unknown) => boolean): boolean {
  return value === undefined || accepted(value);
}

/** True only when the zod schema is certain to accept `body`; false means "ask zod". */
export function acceptsPlainly(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { model, max_tokens: maxTokens, messages } = body;
  if (!isString(model) || model.length === 0) return false;
  if (!Number.isSafeInteger(maxTokens) || (maxTokens as number) <= 0) return false;
  if (!Array.isArray(messages) || messages.length === 0 || !everyItem(messages, messageAccepted)) return false;
  return (
    optionalAccepted(body["system"], (system) => isString(system) || blocksAccepted(system)) &&
    optionalAccepted(body["tools"], (tools) => everyItem(tools, toolAccepted)) &&
    optionalAccepted(
      body["tool_choice"],
      (choice) =>
        isObject(choice) &&
        isString(choice["type"]) &&
        toolChoiceTypes.has(choice["type"]) &&
        isOptionalString(choice["name"]) &&
        (choice["type"] !== "tool" || choice["name"] !== undefined),
    ) &&
    optionalAccepted(
      body["thinking"],
      (thinking) =>
        isObject(thinking) &&
        isString(thinking["type"]) &&
        thinkingTypes.has(thinking["type"]) &&
        isOptionalInteger(thinking["budget_tokens"]),
    ) &&
    optionalAccepted(body["stop_sequences"], (stops) => everyItem(stops, isString)) &&
    isOptionalNumber(body["temperature"]) &&
    isOptionalNumber(body["top_p"]) &&
    isOptionalInteger(body["top_k"]) &&
    (body["stream"] === undefined || typeof body["stream"] === "boolean")
  );
}
