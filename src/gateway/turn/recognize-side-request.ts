import { isRecord } from "../../lib/is-record.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { SideRequestKind } from "../../providers/provider.js";

type JsonRecord = Record<string, unknown>;

function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === "string" && field.length > 0 ? field : undefined;
}

function recordField(value: unknown, key: string): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return isRecord(field) ? field : undefined;
}

function arrayField(value: unknown, key: string): unknown[] | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return Array.isArray(field) ? field : undefined;
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

const subagentPersona = /You are an? [^.\n]{1,80}? for Claude Code\b/;
const personaEnd = " for Claude Code";
/** The longest text before `personaEnd` that the persona pattern can match: "You are an " and 80 characters. */
const personaReach = 11 + 80;

/**
 * `subagentPersona.test(text)`, found from the end of the phrase: a plain substring search over
 * Claude Code's 15 KB system prompt, then the pattern on the few characters before each hit
 * (measured: 15 µs for the pattern over the whole prompt, under 5 µs this way).
 */
function hasSubagentPersona(text: string): boolean {
  for (let at = text.indexOf(personaEnd); at !== -1; at = text.indexOf(personaEnd, at + 1)) {
    // One character past the phrase, so that `\b` sees what follows it ("Codex" is not a match).
    const window = text.slice(Math.max(0, at - personaReach), at + personaEnd.length + 1);
    if (subagentPersona.test(window)) return true;
  }
  return false;
}

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
  if (someText(body["system"], hasSubagentPersona)) return "subagent";
  const messages = arrayField(body, "messages") ?? [];
  const last = lastConversationMessage(messages);
  if (
    last !== undefined &&
    stringField(last, "role") === "user" &&
    someText(last["content"], (text) => compactionAsk.test(text))
  )
    return "compaction";
  return undefined;
}

const compactionAsk = /Your task is to create a detailed summary of the (RECENT portion of the )?conversation/;

/**
 * Whether the content (a string or text blocks) has a text that `matches`. Each block is
 * tested on its own: both phrases sit inside one block, and joining Claude Code's 15 KB system
 * prompt into one more string on every request is a copy for nothing.
 */
function someText(content: unknown, matches: (text: string) => boolean): boolean {
  if (typeof content === "string") return matches(content);
  if (!Array.isArray(content)) return false;
  return content.some((part) => {
    const text = stringField(part, "text");
    return text !== undefined && matches(text);
  });
}
