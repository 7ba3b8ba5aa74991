import type { TextPart, ToolResultPart } from "../../ir/content-part.js";
import type { Message, ToolMessage } from "../../ir/message.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatMessage, ChatTextPart } from "../../protocols/openai-chat/types.js";
import { decodeAssistantContent, legacyCallId } from "./decode-assistant.js";
import { decodeUserContent } from "./decode-user-content.js";

export interface DecodedMessages {
  system: TextPart[];
  messages: Message[];
}

/**
 * Leading system/developer messages become the IR's `system` (a developer one marked in the part's
 * extensions); later ones stay in place as system messages. Consecutive tool results merge into one
 * tool message, and each result gets its tool's name from the call earlier in the history.
 */
export function decodeMessages(chatMessages: ChatMessage[], warnings: Warning[]): DecodedMessages {
  const system: TextPart[] = [];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  chatMessages.forEach((message, index) => {
    const where = `messages.${index}`;
    switch (message.role) {
      case "system":
      case "developer": {
        const developer = message.role === "developer";
        if (messages.length === 0) system.push(...systemText(message.content, developer));
        else
          messages.push(
            developer
              ? { role: "system", content: plainText(message.content), developer }
              : { role: "system", content: plainText(message.content) },
          );
        return;
      }
      case "user":
        messages.push({ role: "user", content: decodeUserContent(message.content, warnings, where) });
        return;
      case "assistant": {
        const content = decodeAssistantContent(message);
        for (const part of content) if (part.type === "tool-call") toolNames.set(part.id, part.name);
        messages.push({ role: "assistant", content });
        return;
      }
      case "tool": {
        const result: ToolResultPart = {
          type: "tool-result",
          callId: message.tool_call_id,
          content: toolContent(message.content),
        };
        const name = toolNames.get(message.tool_call_id);
        if (name !== undefined) result.name = name;
        appendToolResult(messages, result);
        return;
      }
      case "function":
        appendToolResult(messages, {
          type: "tool-result",
          callId: legacyCallId(message.name),
          name: message.name,
          content: message.content ?? "",
        });
        return;
    }
  });
  return { system, messages };
}

function appendToolResult(messages: Message[], result: ToolResultPart): void {
  const last = messages.at(-1);
  if (last?.role === "tool") last.content.push(result);
  else messages.push({ role: "tool", content: [result] } satisfies ToolMessage);
}

function plainText(content: string | ChatTextPart[]): TextPart[] {
  return typeof content === "string"
    ? [{ type: "text", text: content }]
    : content.map((part) => ({ type: "text", text: part.text }));
}

function systemText(content: string | ChatTextPart[], developer: boolean): TextPart[] {
  const parts = plainText(content);
  return developer ? parts.map((part) => ({ ...part, extensions: { "openai-chat": { role: "developer" } } })) : parts;
}

function toolContent(content: string | ChatTextPart[]): ToolResultPart["content"] {
  return typeof content === "string" ? content : plainText(content);
}
