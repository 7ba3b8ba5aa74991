import type { WireApi } from "../../protocols/wire-api.js";
import { arrayField, isRecord, recordField, stringField, type JsonRecord } from "./json-fields.js";

/**
 * Who started a turn, read from the request body: `agent` when the conversation's last message
 * (looking past `system`/`developer` messages, which Claude Code can append last) is a tool
 * result or an assistant turn; `user` when it is something a person typed.
 */
export function inferInitiator(api: WireApi, body: unknown): "user" | "agent" {
  if (!isRecord(body)) return "user";
  if (api === "openai-responses") return inferFromResponsesInput(body["input"]);
  const messages = arrayField(body, "messages") ?? [];
  const last = lastConversationMessage(messages);
  if (last === undefined) return "user";
  const role = stringField(last, "role");
  if (role === "assistant" || role === "tool" || role === "function") return "agent";
  if (api === "anthropic-messages" && role === "user") {
    const content = arrayField(last, "content") ?? [];
    if (content.some((part) => stringField(part, "type") === "tool_result")) return "agent";
  }
  return "user";
}

function lastConversationMessage(messages: unknown[]): JsonRecord | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!isRecord(message)) continue;
    const role = stringField(message, "role");
    if (role === "system" || role === "developer") continue;
    return message;
  }
  return undefined;
}

const agentItemTypes = new Set([
  "function_call_output",
  "custom_tool_call_output",
  "function_call",
  "custom_tool_call",
  "reasoning",
  "local_shell_call_output",
  "mcp_call",
  "computer_call_output",
]);

function inferFromResponsesInput(input: unknown): "user" | "agent" {
  if (!Array.isArray(input)) return "user";
  for (let index = input.length - 1; index >= 0; index--) {
    const item = input[index];
    if (!isRecord(item)) continue;
    const type = stringField(item, "type") ?? "message";
    if (agentItemTypes.has(type)) return "agent";
    if (type !== "message") continue;
    const role = stringField(item, "role");
    if (role === "system" || role === "developer") continue;
    return role === "assistant" ? "agent" : "user";
  }
  return "user";
}

const subagentPersona = /You are an? [^.\n]{1,80}? for Claude Code\b/;

export type SideRequestKind = "session-title" | "subagent" | "compaction";

/**
 * Recognizes Claude Code's requests that no person typed but that look like a fresh prompt:
 * - session title: no tools, and structured output (`output_config.format` of type `json_schema`);
 * - subagent (Task tool): the system prompt holds one of Claude Code's subagent personas, each
 *   introduced as "You are a/an <role> for Claude Code" (general-purpose "an agent", Explore "a file
 *   search specialist", Plan "a software architect and planning specialist"; read from 2.1.197).
 *   The main agent's identity line ("You are Claude Code, …", or in `-p` mode "You are a Claude
 *   agent, built on Anthropic's Claude Agent SDK.") does not match, and subagent requests may
 *   carry that identity line too, so it is not used to tell them apart;
 * - context compaction: the last user text asks for "a detailed summary of the conversation".
 * Custom subagents defined by the user carry their own prompt and are not recognized.
 */
export function recognizeSideRequest(api: WireApi, body: unknown): SideRequestKind | undefined {
  if (api !== "anthropic-messages" || !isRecord(body)) return undefined;
  const tools = arrayField(body, "tools");
  const format = recordField(recordField(body, "output_config"), "format");
  if ((tools === undefined || tools.length === 0) && stringField(format, "type") === "json_schema")
    return "session-title";
  const system = systemText(body["system"]);
  if (subagentPersona.test(system)) return "subagent";
  const messages = arrayField(body, "messages") ?? [];
  const last = lastConversationMessage(messages);
  if (last !== undefined && stringField(last, "role") === "user") {
    const text = contentText(last["content"]);
    if (/Your task is to create a detailed summary of the (RECENT portion of the )?conversation/.test(text))
      return "compaction";
  }
  return undefined;
}

function systemText(system: unknown): string {
  return contentText(system);
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => stringField(part, "text") ?? "").join("\n");
}
