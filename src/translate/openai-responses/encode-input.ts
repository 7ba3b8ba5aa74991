import type { AssistantContentPart, TextPart, ToolResultPart } from "../../ir/content-part.js";
import type { Extensions } from "../../ir/extensions.js";
import type { Message } from "../../ir/message.js";
import type { Warning } from "../../ir/warning.js";
import type { InputItem, MessageContent, MessageItem } from "../../protocols/openai-responses/types.js";
import { encodeInputPart, encodeOutputPart, encodeToolOutput } from "./encode-content.js";
import { encodeReasoning } from "./encode-reasoning.js";
import { readExtension } from "./extensions.js";

type Owner = { extensions?: Extensions };

/**
 * Writes the input list. Items kept by the decoder (`itemsBefore`/`itemsAfter`) go back where
 * they were; text parts that came from one message item (`message` index) form one item again.
 */
export class InputWriter {
  readonly items: InputItem[] = [];
  private openMessage: { item: MessageItem; key: unknown } | undefined;

  constructor(private readonly warnings: Warning[]) {}

  /** Leading system text with a `role` mark came from input messages; the rest is `instructions`. */
  writeSystem(parts: readonly TextPart[]): string | undefined {
    const instructions: string[] = [];
    for (const part of parts) {
      const data = readExtension(part);
      if (data.role === "developer" || data.role === "system") {
        this.writeMessagePart(part, data.role, data.message, () => encodeInputPart(part));
      } else instructions.push(part.text);
    }
    this.close();
    return instructions.length === 0 ? undefined : instructions.join("\n\n");
  }

  writeMessages(messages: readonly Message[]): void {
    messages.forEach((message, index) => {
      if (message.role === "assistant") for (const part of message.content) this.writeAssistantPart(part);
      else if (message.role === "tool") {
        message.content.forEach((part, partIndex) => {
          if (part.isError === true) this.warnErrorFlag(`messages[${index}].content.${partIndex}`);
          this.writeStandalone(part, () => encodeResult(part));
        });
      } else this.writeWholeMessage(message);
    });
    this.close();
  }

  /** Responses tool outputs have no error flag: the result goes as it is, and the caller is told. */
  private warnErrorFlag(where: string): void {
    this.warnings.push({
      type: "compatibility",
      feature: `${where} is_error`,
      detail: "Responses tool outputs have no error flag.",
    });
  }

  private writeWholeMessage(message: Extract<Message, { role: "user" | "system" }>): void {
    const role = message.role === "system" ? (message.developer === true ? "developer" : "system") : "user";
    const data = readExtension(message);
    this.close();
    const content = message.content.map((part) => {
      this.push(readExtension(part).itemsBefore);
      return encodeInputPart(part);
    });
    const only = content[0];
    const packed =
      data.stringContent === true && content.length === 1 && only?.type === "input_text" ? only.text : content;
    this.items.push({ type: "message", ...(data.fields as object | undefined), role, content: packed });
    for (const part of message.content) this.push(readExtension(part).itemsAfter);
  }

  private writeAssistantPart(part: AssistantContentPart): void {
    if (part.type === "text") {
      const data = readExtension(part);
      return this.writeMessagePart(part, "assistant", data.message ?? "assistant", () => encodeOutputPart(part));
    }
    if (part.type === "reasoning") {
      // Reasoning another vendor produced (an Anthropic signature) means nothing to OpenAI.
      const foreign = part.signature !== undefined || part.redactedData !== undefined;
      if (foreign || (part.id === undefined && part.encryptedContent === undefined)) {
        this.warnings.push({
          type: "compatibility",
          feature: "reasoning",
          detail: "reasoning without a Responses item id or encrypted_content is not sent",
        });
        return;
      }
      return this.writeStandalone(part, () => encodeReasoning(part, { packForeign: false }));
    }
    this.writeStandalone(part, () => {
      const fields = (readExtension(part).fields as object | undefined) ?? {};
      const namespace = part.namespace === undefined ? {} : { namespace: part.namespace };
      if (part.kind === "custom")
        return {
          type: "custom_tool_call",
          ...fields,
          call_id: part.id,
          name: part.name,
          input: part.input,
          ...namespace,
        };
      return {
        type: "function_call",
        ...fields,
        call_id: part.id,
        name: part.name,
        arguments: part.input,
        ...namespace,
      };
    });
  }

  /** Adds a part to the open message item, or opens a new one when role or source item changes. */
  private writeMessagePart(part: Owner, role: MessageItem["role"], key: unknown, encode: () => MessageContent): void {
    const data = readExtension(part);
    const before = data.itemsBefore as Record<string, unknown>[] | undefined;
    if (before !== undefined || this.openMessage?.item.role !== role || this.openMessage.key !== key) {
      this.close();
      this.push(before);
      const fields = (data.messageFields as object | undefined) ?? {};
      const item: MessageItem = { type: "message", ...fields, role, content: [] };
      this.items.push(item);
      this.openMessage = { item, key };
    }
    (this.openMessage.item.content as MessageContent[]).push(encode());
    if (data.itemsAfter !== undefined) {
      this.close();
      this.push(data.itemsAfter);
    }
  }

  private writeStandalone(part: Owner, encode: () => InputItem): void {
    this.close();
    const data = readExtension(part);
    this.push(data.itemsBefore);
    this.items.push(encode());
    this.push(data.itemsAfter);
  }

  private push(items: unknown): void {
    if (Array.isArray(items)) this.items.push(...(items as InputItem[]));
  }

  private close(): void {
    this.openMessage = undefined;
  }
}

function encodeResult(part: ToolResultPart): InputItem {
  const fields = (readExtension(part).fields as object | undefined) ?? {};
  const output = encodeToolOutput(part.content);
  if (part.kind === "custom") return { type: "custom_tool_call_output", ...fields, call_id: part.callId, output };
  return { type: "function_call_output", ...fields, call_id: part.callId, output };
}
