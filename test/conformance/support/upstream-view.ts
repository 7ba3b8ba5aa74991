import type { WireApi } from "../../../src/protocols/wire-api.js";

/** What an upstream received, read out of its request body whatever its API, for assertions. */
export interface UpstreamView {
  systemTexts: string[];
  userTexts: string[];
  toolResults: { callId: string; output: string }[];
  /** Tool calls replayed in the history (the assistant turn before a tool result). */
  historyToolCalls: { callId: string; name: string }[];
  images: { mediaType: string; base64: string }[];
  toolNames: string[];
  /** Every tool declared, nested namespace groups included (Codex's `additional_tools`). */
  toolDeclarations: ToolDeclaration[];
  reasoningRequested: boolean;
}

export interface ToolDeclaration {
  name: string;
  /** `function`, `custom` (freeform), or a hosted tool's type (`web_search`, `tool_search`). */
  type: string;
  namespace?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string => (typeof value === "string" ? value : "");

/** Text of a content that may be a string or a list of text-bearing parts. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return asArray(content)
    .map((part) => (isObject(part) ? asString(part["text"]) : ""))
    .join("");
}

function parseDataUrl(url: string): { mediaType: string; base64: string } | undefined {
  const match = /^data:([^;]+);base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1] ?? "", base64: match[2] ?? "" } : undefined;
}

export function viewUpstreamRequest(api: WireApi, body: unknown): UpstreamView {
  const view: UpstreamView = {
    systemTexts: [],
    userTexts: [],
    toolResults: [],
    historyToolCalls: [],
    images: [],
    toolNames: [],
    toolDeclarations: [],
    reasoningRequested: false,
  };
  if (!isObject(body)) return view;
  if (api === "anthropic-messages") readAnthropic(body, view);
  else if (api === "openai-chat") readChat(body, view);
  else readResponses(body, view);
  return view;
}

function readAnthropic(body: Json, view: UpstreamView): void {
  if (body["system"] !== undefined) view.systemTexts.push(textOf(body["system"]));
  const thinking = body["thinking"];
  view.reasoningRequested = isObject(thinking) && thinking["type"] !== "disabled";
  for (const tool of asArray(body["tools"])) {
    if (!isObject(tool)) continue;
    view.toolNames.push(asString(tool["name"]));
    view.toolDeclarations.push({
      name: asString(tool["name"]),
      type: typeof tool["type"] === "string" && tool["type"] !== "custom" ? tool["type"] : "function",
    });
  }
  for (const message of asArray(body["messages"])) {
    if (!isObject(message)) continue;
    const role = message["role"];
    if (role === "system") {
      view.systemTexts.push(textOf(message["content"]));
      continue;
    }
    const content = message["content"];
    if (typeof content === "string") {
      if (role === "user") view.userTexts.push(content);
      continue;
    }
    for (const block of asArray(content)) {
      if (!isObject(block)) continue;
      if (block["type"] === "text" && role === "user") view.userTexts.push(asString(block["text"]));
      if (block["type"] === "tool_result") {
        view.toolResults.push({ callId: asString(block["tool_use_id"]), output: textOf(block["content"]) });
      }
      if (block["type"] === "tool_use")
        view.historyToolCalls.push({ callId: asString(block["id"]), name: asString(block["name"]) });
      const source = block["source"];
      if (block["type"] === "image" && isObject(source) && source["type"] === "base64") {
        view.images.push({ mediaType: asString(source["media_type"]), base64: asString(source["data"]) });
      }
    }
  }
}

function readChat(body: Json, view: UpstreamView): void {
  view.reasoningRequested = body["reasoning_effort"] !== undefined || body["reasoning"] !== undefined;
  for (const tool of asArray(body["tools"])) {
    if (isObject(tool) && isObject(tool["function"])) {
      view.toolNames.push(asString(tool["function"]["name"]));
      view.toolDeclarations.push({ name: asString(tool["function"]["name"]), type: "function" });
    }
  }
  for (const message of asArray(body["messages"])) {
    if (!isObject(message)) continue;
    const role = message["role"];
    const content = message["content"];
    if (role === "system" || role === "developer") view.systemTexts.push(textOf(content));
    if (role === "tool") view.toolResults.push({ callId: asString(message["tool_call_id"]), output: textOf(content) });
    for (const call of asArray(message["tool_calls"])) {
      if (isObject(call) && isObject(call["function"])) {
        view.historyToolCalls.push({ callId: asString(call["id"]), name: asString(call["function"]["name"]) });
      }
    }
    if (role !== "user") continue;
    if (typeof content === "string") view.userTexts.push(content);
    for (const part of asArray(content)) {
      if (!isObject(part)) continue;
      if (part["type"] === "text") view.userTexts.push(asString(part["text"]));
      const imageUrl = part["image_url"];
      if (part["type"] === "image_url" && isObject(imageUrl)) {
        const image = parseDataUrl(asString(imageUrl["url"]));
        if (image) view.images.push(image);
      }
    }
  }
}

function readResponses(body: Json, view: UpstreamView): void {
  if (typeof body["instructions"] === "string") view.systemTexts.push(body["instructions"]);
  view.reasoningRequested = isObject(body["reasoning"]);
  for (const tool of asArray(body["tools"])) if (isObject(tool)) view.toolNames.push(asString(tool["name"]));
  declareResponsesTools(asArray(body["tools"]), view);
  const input = body["input"];
  if (typeof input === "string") view.userTexts.push(input);
  for (const item of asArray(input)) {
    if (!isObject(item)) continue;
    const type = item["type"] ?? "message";
    if (type === "additional_tools") declareResponsesTools(asArray(item["tools"]), view);
    if (type === "function_call_output" || type === "custom_tool_call_output") {
      view.toolResults.push({ callId: asString(item["call_id"]), output: textOf(item["output"]) });
    }
    if (type === "function_call" || type === "custom_tool_call") {
      view.historyToolCalls.push({ callId: asString(item["call_id"]), name: asString(item["name"]) });
    }
    if (type !== "message") continue;
    const role = item["role"];
    if (role === "system" || role === "developer") view.systemTexts.push(textOf(item["content"]));
    if (role !== "user") continue;
    const content = item["content"];
    if (typeof content === "string") view.userTexts.push(content);
    for (const part of asArray(content)) {
      if (!isObject(part)) continue;
      if (part["type"] === "input_text") view.userTexts.push(asString(part["text"]));
      if (part["type"] === "input_image") {
        const image = parseDataUrl(asString(part["image_url"]));
        if (image) view.images.push(image);
      }
    }
  }
}

function declareResponsesTools(tools: unknown[], view: UpstreamView, namespace?: string): void {
  for (const tool of tools) {
    if (!isObject(tool)) continue;
    const type = asString(tool["type"]);
    if (type === "namespace") {
      declareResponsesTools(asArray(tool["tools"]), view, asString(tool["name"]));
      continue;
    }
    const declaration: ToolDeclaration = { name: asString(tool["name"]), type };
    if (namespace !== undefined) declaration.namespace = namespace;
    view.toolDeclarations.push(declaration);
  }
}
