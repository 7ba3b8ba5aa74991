import type { ImagePart, TextPart, ToolResultPart } from "../../ir/content-part.js";
import type { Message } from "../../ir/message.js";
import type { Warning } from "../../ir/warning.js";
import type {
  ChatAssistantMessage,
  ChatMessage,
  ChatTextPart,
  ChatToolMessage,
} from "../../protocols/openai-chat/types.js";
import { encodeAssistant } from "./encode-assistant.js";
import { encodeImage, encodeUserContent } from "./encode-user-content.js";

/** IR system + messages → Chat messages. */
export function encodeMessages(
  system: TextPart[],
  messages: Message[],
  options: { developerRole: boolean; warnings: Warning[] },
): ChatMessage[] {
  const { warnings } = options;
  const encoded: ChatMessage[] = encodeSystem(system);
  messages.forEach((message, index) => {
    const where = `messages.${index}`;
    switch (message.role) {
      case "system":
        encoded.push({
          role: message.developer === true ? "developer" : "system",
          content: textContent(message.content),
        });
        return;
      case "user":
        encoded.push({ role: "user", content: encodeUserContent(message.content, warnings, where) });
        return;
      case "assistant": {
        const fields = encodeAssistant(message.content, "return-to-upstream", warnings);
        const assistant: ChatAssistantMessage = { ...fields, role: "assistant" };
        if (assistant.refusal === null) delete assistant.refusal;
        // Servers reject an assistant message with neither content nor tool calls.
        if (assistant.content === null && assistant.tool_calls === undefined) assistant.content = "";
        encoded.push(assistant);
        return;
      }
      case "tool":
        encoded.push(...encodeToolResults(message.content, warnings, where));
        return;
    }
  });
  return options.developerRole ? encoded : withoutDeveloperRole(encoded, warnings);
}

/**
 * Many OpenAI-compatible servers (vLLM and Ollama chat templates, older proxies) know no
 * `developer` role; there it is sent as `system`, which means the same to them.
 */
function withoutDeveloperRole(messages: ChatMessage[], warnings: Warning[]): ChatMessage[] {
  if (!messages.some((message) => message.role === "developer")) return messages;
  warnings.push({ type: "compatibility", feature: "developer role", detail: "Sent as system for this model." });
  return messages.map((message) => (message.role === "developer" ? { ...message, role: "system" } : message));
}

/** Consecutive leading parts with the same role (system or developer) share one message. */
function encodeSystem(system: TextPart[]): ChatMessage[] {
  const encoded: Array<{ role: "system" | "developer"; parts: TextPart[] }> = [];
  for (const part of system) {
    const role = part.extensions?.["openai-chat"]?.["role"] === "developer" ? "developer" : "system";
    const last = encoded.at(-1);
    if (last?.role === role) last.parts.push(part);
    else encoded.push({ role, parts: [part] });
  }
  return encoded.map(({ role, parts }) => ({ role, content: textContent(parts) }));
}

function textContent(parts: TextPart[]): string | ChatTextPart[] {
  const only = parts[0];
  if (parts.length === 1 && only !== undefined) return only.text;
  return parts.map((part) => ({ type: "text", text: part.text }));
}

/** Tells the model where an image-only result went, so the tool message is not empty. */
const movedImagesNote = "(The tool returned images; they follow in the next user message.)";

/**
 * One Chat tool message per result. Chat tool messages carry text only, so images in results
 * follow in one user message after the tool messages (a user message between tool messages
 * would break the assistant/tool pairing).
 */
function encodeToolResults(results: ToolResultPart[], warnings: Warning[], where: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const images: ImagePart[] = [];
  results.forEach((result, index) => {
    const message: ChatToolMessage = { role: "tool", tool_call_id: result.callId, content: "" };
    if (typeof result.content === "string") message.content = result.content;
    else {
      const texts = result.content.filter((part): part is TextPart => part.type === "text");
      const resultImages = result.content.filter((part): part is ImagePart => part.type === "image");
      images.push(...resultImages);
      if (texts.length === 0 && resultImages.length > 0) message.content = movedImagesNote;
      else if (texts.length === 1 && texts[0] !== undefined) message.content = texts[0].text;
      else message.content = texts.map((part) => ({ type: "text", text: part.text }));
    }
    if (result.isError === true) {
      warnings.push({
        type: "compatibility",
        feature: `${where}.content.${index} is_error`,
        detail: "Chat tool results have no error flag.",
      });
    }
    messages.push(message);
  });
  if (images.length > 0) {
    warnings.push({
      type: "compatibility",
      feature: `${where} tool result images`,
      detail: "Chat tool messages carry text only; the images follow in a user message.",
    });
    messages.push({ role: "user", content: images.map(encodeImage) });
  }
  return messages;
}
