import type { Message, SystemMessage } from "../../ir/message.js";
import type { Warning } from "../../ir/warning.js";
import type { ContentBlock, MessageParam, TextBlock } from "../../protocols/anthropic-messages/types.js";
import { modelCapabilities } from "./model-capabilities.js";
import { encodeAssistantParts, encodeText, encodeToolResult, encodeUserParts } from "./encode-content.js";

export interface EncodedMessages {
  /** Leading system messages, hoisted into the top-level `system`. */
  hoisted: TextBlock[];
  messages: MessageParam[];
}

export function encodeMessages(messages: Message[], model: string, warnings: Warning[]): EncodedMessages {
  const hoisted: TextBlock[] = [];
  const wire: MessageParam[] = [];
  let conversationStarted = false;
  messages.forEach((message, index) => {
    const where = `messages[${index}]`;
    switch (message.role) {
      case "system":
        if (!conversationStarted) hoisted.push(...systemBlocks(message));
        else encodeLateSystem(message, { wire, model, warnings, where });
        return;
      case "user":
        conversationStarted = true;
        return appendUserBlocks(wire, encodeUserParts(message.content));
      case "tool":
        conversationStarted = true;
        return appendUserBlocks(wire, message.content.map(encodeToolResult));
      case "assistant": {
        conversationStarted = true;
        const blocks = encodeAssistantParts(message.content, warnings, where);
        if (blocks.length > 0) wire.push({ role: "assistant", content: blocks });
        return;
      }
    }
  });
  return { hoisted, messages: wire };
}

function systemBlocks(message: SystemMessage): TextBlock[] {
  return message.content.filter((part) => part.text !== "").map(encodeText);
}

function encodeLateSystem(
  message: SystemMessage,
  target: { wire: MessageParam[]; model: string; warnings: Warning[]; where: string },
): void {
  const { wire, model, warnings, where } = target;
  const blocks = systemBlocks(message);
  if (blocks.length === 0) return;
  // Opus 4.8 takes them right after a user turn (mid-conversation system messages docs).
  if (modelCapabilities(model).midConversationSystem && wire.at(-1)?.role === "user") {
    wire.push({ role: "system", content: blocks });
    return;
  }
  // Claude Code marks its own injected instructions the same way, so the model reads them as such.
  const text = blocks.map((block) => block.text).join("\n\n");
  appendUserBlocks(wire, [{ type: "text", text: `<system-reminder>\n${text}\n</system-reminder>` }]);
  warnings.push({
    type: "compatibility",
    feature: `${where} system message`,
    detail: `${model} takes no system message at this point; sent as a <system-reminder> in the user turn.`,
  });
}

/**
 * Tool results and user content share one user turn, tool results first: Anthropic requires the
 * results to open the turn that follows the assistant's `tool_use` blocks.
 */
function appendUserBlocks(wire: MessageParam[], blocks: ContentBlock[]): void {
  const last = wire.at(-1);
  if (last?.role === "user" && Array.isArray(last.content)) {
    const merged = [...last.content, ...blocks];
    last.content = [
      ...merged.filter((block) => block.type === "tool_result"),
      ...merged.filter((block) => block.type !== "tool_result"),
    ];
  } else {
    const ordered = [
      ...blocks.filter((block) => block.type === "tool_result"),
      ...blocks.filter((block) => block.type !== "tool_result"),
    ];
    wire.push({ role: "user", content: ordered });
  }
}
