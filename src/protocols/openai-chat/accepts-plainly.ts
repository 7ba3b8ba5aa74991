/**
 * Compiled forms of the common path of the Chat request and completion schemas: plain loops that
 * answer "certainly valid" for what clients and upstreams really send, without zod's per-node
 * overhead on every request. Each accepts only what its zod schema accepts; anything it is unsure
 * of goes to zod, which also words every error.
 */
import { everyItem, isNullish, isObject, isOptionalNumber, isOptionalString, isString } from "../plain-checks.js";

const isNumber = (value: unknown): value is number => typeof value === "number";

const isTextPart = (part: unknown) => isObject(part) && part["type"] === "text" && isString(part["text"]);
const isTextContent = (content: unknown) => isString(content) || everyItem(content, isTextPart);
const imageDetails = new Set(["auto", "low", "high"]);

function isUserPart(part: unknown): boolean {
  if (!isObject(part)) return false;
  switch (part["type"]) {
    case "text":
      return isString(part["text"]);
    case "image_url": {
      const image = part["image_url"];
      return (
        isObject(image) &&
        isString(image["url"]) &&
        (image["detail"] === undefined || imageDetails.has(image["detail"] as string))
      );
    }
    case "input_audio": {
      const audio = part["input_audio"];
      return isObject(audio) && isString(audio["data"]) && isString(audio["format"]);
    }
    case "file": {
      const file = part["file"];
      return (
        isObject(file) &&
        isOptionalString(file["file_data"]) &&
        isOptionalString(file["file_id"]) &&
        isOptionalString(file["filename"])
      );
    }
    default:
      return false;
  }
}

const isAssistantPart = (part: unknown) =>
  isObject(part) && (part["type"] === "refusal" ? isString(part["refusal"]) : isTextPart(part));

function isRequestToolCall(call: unknown): boolean {
  if (!isObject(call) || !isString(call["id"])) return false;
  if (call["type"] === "function") {
    const called = call["function"];
    return isObject(called) && isString(called["name"]) && isString(called["arguments"]);
  }
  if (call["type"] === "custom") {
    const called = call["custom"];
    return isObject(called) && isString(called["name"]) && isString(called["input"]);
  }
  return false;
}

function isMessage(message: unknown): boolean {
  if (!isObject(message)) return false;
  const content = message["content"];
  switch (message["role"]) {
    case "system":
    case "developer":
      return isTextContent(content);
    case "user":
      return isString(content) || everyItem(content, isUserPart);
    case "assistant":
      return (
        (content === undefined || content === null || isString(content) || everyItem(content, isAssistantPart)) &&
        (message["tool_calls"] === undefined || everyItem(message["tool_calls"], isRequestToolCall)) &&
        isNullish(message["function_call"])
      );
    case "tool":
      return isTextContent(content) && isString(message["tool_call_id"]);
    case "function":
      return (content === null || isString(content)) && isString(message["name"]);
    default:
      return false;
  }
}

function isTool(tool: unknown): boolean {
  if (!isObject(tool)) return false;
  const inner = tool["type"] === "function" ? tool["function"] : tool["type"] === "custom" ? tool["custom"] : undefined;
  return isObject(inner) && isString(inner["name"]);
}

/** True only when the request schema is certain to accept `body`; false means "ask zod". */
export function requestAcceptsPlainly(body: unknown): boolean {
  if (!isObject(body) || !isString(body["model"])) return false;
  const messages = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0 || !everyItem(messages, isMessage)) return false;
  const stream = body["stream"];
  const toolChoice = body["tool_choice"];
  // The rarer forms (a tool_choice object, response_format, the deprecated functions) go to zod.
  return (
    (body["tools"] === undefined || everyItem(body["tools"], isTool)) &&
    (isNullish(stream) || typeof stream === "boolean") &&
    (isNullish(toolChoice) || isString(toolChoice)) &&
    isNullish(body["response_format"]) &&
    isNullish(body["functions"]) &&
    isNullish(body["function_call"]) &&
    (isNullish(body["stream_options"]) || isObject(body["stream_options"]))
  );
}

function isUsage(usage: unknown): boolean {
  if (isNullish(usage)) return true;
  if (!isObject(usage) || !isNumber(usage["prompt_tokens"]) || !isNumber(usage["completion_tokens"])) return false;
  const prompt = usage["prompt_tokens_details"];
  const completion = usage["completion_tokens_details"];
  return (
    isOptionalNumber(usage["total_tokens"]) &&
    (isNullish(prompt) || (isObject(prompt) && isOptionalNumber(prompt["cached_tokens"]))) &&
    (isNullish(completion) || (isObject(completion) && isOptionalNumber(completion["reasoning_tokens"])))
  );
}

function isResponseToolCall(call: unknown): boolean {
  if (!isObject(call) || !isString(call["id"])) return false;
  if (call["type"] !== "function" && call["type"] !== "custom") return false;
  const called = call["function"];
  return called === undefined || (isObject(called) && isString(called["name"]) && isString(called["arguments"]));
}

function isChoice(choice: unknown): boolean {
  if (!isObject(choice) || !isOptionalNumber(choice["index"])) return false;
  const message = choice["message"];
  if (!isObject(message)) return false;
  const content = message["content"];
  const toolCalls = message["tool_calls"];
  const finishReason = choice["finish_reason"];
  return (
    (message["role"] === undefined || message["role"] === "assistant") &&
    (isNullish(content) || isString(content)) &&
    (isNullish(toolCalls) || everyItem(toolCalls, isResponseToolCall)) &&
    (isNullish(finishReason) || isString(finishReason))
  );
}

/** True only when the completion schema is certain to accept `body`; false means "ask zod". */
export function responseAcceptsPlainly(body: unknown): boolean {
  if (!isObject(body)) return false;
  const choices = body["choices"];
  return (
    isOptionalString(body["id"]) &&
    (body["object"] === undefined || body["object"] === "chat.completion") &&
    isOptionalNumber(body["created"]) &&
    isOptionalString(body["model"]) &&
    Array.isArray(choices) &&
    choices.length > 0 &&
    everyItem(choices, isChoice) &&
    isUsage(body["usage"])
  );
}
