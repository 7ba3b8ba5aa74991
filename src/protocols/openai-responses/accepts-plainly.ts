/**
 * A compiled form of the request schema's common path: plain loops that answer "certainly
 * valid" for the requests clients really send, without zod's per-node overhead (zod took ~45 µs
 * on a 39 KB Codex body). It accepts only what the zod schema in schemas.ts accepts; anything it
 * is unsure of goes to zod, which also words every error.
 */
import { everyItem, isNullish, isObject, isString } from "../plain-checks.js";
type Json = Record<string, unknown>;

const messageRoles = new Set(["user", "assistant", "system", "developer"]);

function partAccepted(part: unknown, withOutputs: boolean): boolean {
  if (!isObject(part)) return false;
  switch (part["type"]) {
    case "input_text":
      return isString(part["text"]);
    case "input_image":
    case "input_file":
      return true;
    case "output_text":
      return withOutputs && isString(part["text"]);
    case "refusal":
      return withOutputs && isString(part["refusal"]);
    default:
      return false;
  }
}

function messageAccepted(item: Json): boolean {
  if (!isString(item["role"]) || !messageRoles.has(item["role"])) return false;
  const content = item["content"];
  return isString(content) || everyItem(content, (part) => partAccepted(part, true));
}

function toolOutputAccepted(output: unknown): boolean {
  return isString(output) || everyItem(output, (part) => partAccepted(part, false));
}

function namedToolAccepted(tool: unknown): boolean {
  return isObject(tool) && (tool["type"] === "function" || tool["type"] === "custom") && isString(tool["name"]);
}

function toolAccepted(tool: unknown): boolean {
  if (!isObject(tool) || !isString(tool["type"])) return false;
  const type = tool["type"];
  if (type === "function" || type === "custom") return isString(tool["name"]);
  if (type === "namespace") {
    const tools = tool["tools"];
    return isString(tool["name"]) && everyItem(tools, namedToolAccepted);
  }
  return true;
}

function itemAccepted(item: unknown): boolean {
  if (!isObject(item)) return false;
  const type = item["type"];
  if (type === undefined) return item["role"] !== undefined && isString(item["role"]) && messageAccepted(item);
  if (!isString(type) || (item["role"] !== undefined && !isString(item["role"]))) return false;
  switch (type) {
    case "message":
      return messageAccepted(item);
    case "function_call":
      return isString(item["call_id"]) && isString(item["name"]) && isString(item["arguments"]);
    case "custom_tool_call":
      return isString(item["call_id"]) && isString(item["name"]) && isString(item["input"]);
    case "function_call_output":
    case "custom_tool_call_output":
      return isString(item["call_id"]) && toolOutputAccepted(item["output"]);
    case "reasoning": {
      const summary = item["summary"];
      return everyItem(summary, (entry) => isObject(entry) && isString(entry["text"]));
    }
    case "additional_tools": {
      const tools = item["tools"];
      return everyItem(tools, toolAccepted);
    }
    default:
      // Item types the gateway does not translate pass as they are.
      return true;
  }
}

/** `text` as Codex sends it (a verbosity, a plain format); a JSON-schema format goes to zod. */
function textAccepted(text: unknown): boolean {
  if (isNullish(text)) return true;
  if (!isObject(text) || !(isNullish(text["verbosity"]) || isString(text["verbosity"]))) return false;
  const format = text["format"];
  return isNullish(format) || (isObject(format) && (format["type"] === "text" || format["type"] === "json_object"));
}

/** True only when the zod schema is certain to accept `body`; false means "ask zod". */
export function acceptsPlainly(body: unknown): boolean {
  if (!isObject(body) || !isString(body["model"])) return false;
  const { input, tools, instructions, stream } = body;
  const maxOutputTokens = body["max_output_tokens"];
  return (
    textAccepted(body["text"]) &&
    // An empty input is refused by the schema with its own message, so it is never "plain".
    (input === undefined ||
      (isString(input) && input.length > 0) ||
      (Array.isArray(input) && input.length > 0 && everyItem(input, itemAccepted))) &&
    (isNullish(instructions) || isString(instructions)) &&
    (tools === undefined || everyItem(tools, toolAccepted)) &&
    (isNullish(stream) || typeof stream === "boolean") &&
    (isNullish(maxOutputTokens) || (Number.isSafeInteger(maxOutputTokens) && (maxOutputTokens as number) > 0))
  );
}
