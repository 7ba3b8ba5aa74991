import type { WireApi } from "../../../src/protocols/wire-api.js";

/** The conversation's finer details as the upstream received them, whatever its API. */
export interface UpstreamHistory {
  /**
   * Instructions after the conversation started, in the form the upstream got them: a `system` or
   * `developer` message, or (Anthropic models without mid-conversation system messages) a
   * `<system-reminder>` text in the user turn.
   */
  lateInstructions: { form: "system" | "developer" | "system-reminder"; text: string }[];
  /** Images given by URL (not data URLs). */
  imageUrls: string[];
  toolResults: ToolResultDetail[];
  /** Reasoning replayed in assistant turns, with the opaque data that lets the upstream verify it. */
  reasoning: { text: string; signature?: string; encryptedContent?: string }[];
}

export interface ToolResultDetail {
  callId: string;
  texts: string[];
  /** Images in the result, as base64 data or URL. */
  images: string[];
  /** The upstream's own error flag; undefined when its API has none. */
  isError?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string => (typeof value === "string" ? value : "");
const reminder = /^<system-reminder>\n([\s\S]*)\n<\/system-reminder>$/;

export function readUpstreamHistory(api: WireApi, body: unknown): UpstreamHistory {
  const history: UpstreamHistory = { lateInstructions: [], imageUrls: [], toolResults: [], reasoning: [] };
  if (!isObject(body)) return history;
  if (api === "anthropic-messages") readAnthropic(body, history);
  else if (api === "openai-chat") readChat(body, history);
  else readResponses(body, history);
  return history;
}

/** Text and images of a content that is a string or a list of parts, whatever the API's part names. */
function partsOf(content: unknown): { texts: string[]; images: string[] } {
  if (typeof content === "string") return { texts: [content], images: [] };
  const texts: string[] = [];
  const images: string[] = [];
  for (const part of asArray(content)) {
    if (!isObject(part)) continue;
    if (typeof part["text"] === "string") texts.push(part["text"]);
    const source = part["source"];
    if (part["type"] === "image" && isObject(source)) images.push(asString(source["data"] ?? source["url"]));
    const imageUrl = part["image_url"];
    if (part["type"] === "image_url" && isObject(imageUrl)) images.push(stripDataUrl(asString(imageUrl["url"])));
    if (part["type"] === "input_image") images.push(stripDataUrl(asString(imageUrl)));
  }
  return { texts, images };
}

function stripDataUrl(url: string): string {
  return url.replace(/^data:[^;]+;base64,/, "");
}

function readAnthropic(body: Json, history: UpstreamHistory): void {
  for (const message of asArray(body["messages"])) {
    if (!isObject(message)) continue;
    const role = message["role"];
    if (role === "system") {
      history.lateInstructions.push({ form: "system", text: partsOf(message["content"]).texts.join("\n") });
      continue;
    }
    for (const block of asArray(message["content"])) {
      if (!isObject(block)) continue;
      const type = block["type"];
      const text = asString(block["text"]);
      const reminded = type === "text" && role === "user" ? reminder.exec(text) : null;
      if (reminded !== null) history.lateInstructions.push({ form: "system-reminder", text: reminded[1] ?? "" });
      const source = block["source"];
      if (type === "image" && isObject(source) && source["type"] === "url")
        history.imageUrls.push(asString(source["url"]));
      if (type === "tool_result") {
        const detail: ToolResultDetail = { callId: asString(block["tool_use_id"]), ...partsOf(block["content"]) };
        if (block["is_error"] !== undefined) detail.isError = block["is_error"] === true;
        history.toolResults.push(detail);
      }
      if (type === "thinking") {
        history.reasoning.push({ text: asString(block["thinking"]), signature: asString(block["signature"]) });
      }
    }
  }
}

function readChat(body: Json, history: UpstreamHistory): void {
  let started = false;
  for (const message of asArray(body["messages"])) {
    if (!isObject(message)) continue;
    const role = message["role"];
    const content = message["content"];
    if (role === "system" || role === "developer") {
      if (started) history.lateInstructions.push({ form: role, text: partsOf(content).texts.join("\n") });
      continue;
    }
    started = true;
    if (role === "user") {
      for (const part of asArray(content)) {
        const imageUrl = isObject(part) ? part["image_url"] : undefined;
        const url = isObject(imageUrl) ? asString(imageUrl["url"]) : "";
        if (url !== "" && !url.startsWith("data:")) history.imageUrls.push(url);
      }
    }
    if (role === "tool") history.toolResults.push({ callId: asString(message["tool_call_id"]), ...partsOf(content) });
    if (role === "assistant") {
      const text = asString(message["reasoning_content"] ?? message["reasoning_text"] ?? message["reasoning"]);
      const opaque = message["reasoning_opaque"];
      if (text !== "" || opaque !== undefined) {
        history.reasoning.push({ text, ...(typeof opaque === "string" && { encryptedContent: opaque }) });
      }
    }
  }
}

function readResponses(body: Json, history: UpstreamHistory): void {
  let started = false;
  for (const item of asArray(body["input"])) {
    if (!isObject(item)) continue;
    const type = item["type"] ?? "message";
    const role = item["role"];
    if (type === "message" && (role === "system" || role === "developer")) {
      if (started) history.lateInstructions.push({ form: role, text: partsOf(item["content"]).texts.join("\n") });
      continue;
    }
    if (type === "additional_tools") continue;
    started = true;
    if (type === "message" && role === "user") {
      for (const part of asArray(item["content"])) {
        const url = isObject(part) && part["type"] === "input_image" ? asString(part["image_url"]) : "";
        if (url !== "" && !url.startsWith("data:")) history.imageUrls.push(url);
      }
    }
    if (type === "function_call_output" || type === "custom_tool_call_output") {
      history.toolResults.push({ callId: asString(item["call_id"]), ...partsOf(item["output"]) });
    }
    if (type === "reasoning") {
      const summary = asArray(item["summary"]).map((part) => (isObject(part) ? asString(part["text"]) : ""));
      const entry: UpstreamHistory["reasoning"][number] = { text: summary.join("") };
      if (typeof item["encrypted_content"] === "string") entry.encryptedContent = item["encrypted_content"];
      history.reasoning.push(entry);
    }
  }
}
