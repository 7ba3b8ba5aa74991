import type { AssistantContentPart, TextPart, ToolCallPart, ToolResultPart } from "../../ir/content-part.js";
import type { AssistantMessage, Message } from "../../ir/message.js";
import type { Tool } from "../../ir/tool.js";
import type { Warning } from "../../ir/warning.js";
import type {
  AdditionalToolsItem,
  CustomToolCallItem,
  CustomToolCallOutputItem,
  FunctionCallItem,
  FunctionCallOutputItem,
  InputItem,
  MessageItem,
  ReasoningItem,
} from "../../protocols/openai-responses/types.js";
import { decodeContentPart, decodeToolOutput } from "./decode-content.js";
import { decodeReasoning } from "./decode-reasoning.js";
import { decodeTools } from "./decode-tools.js";
import { extensionKey, extraFields, makeExtensions, readExtension, withExtensions } from "./extensions.js";

export interface DecodedInput {
  system: TextPart[];
  messages: Message[];
  /** Tools declared by `additional_tools` items. */
  tools: Tool[];
  /** Items no part could carry (an input with nothing else in it). */
  strayItems: Record<string, unknown>[];
  /** Fields of the `additional_tools` item besides its tools (Codex sends an `id`). */
  additionalToolsFields: Record<string, unknown> | undefined;
}

/**
 * Walks the input items in order. Items that belong to one assistant turn (reasoning, message,
 * function and custom calls) gather into one AssistantMessage; results gather into one ToolMessage.
 * Item types without an IR meaning (`tool_search_call`, `configuration_update`, hosted-tool calls)
 * ride in the extensions of the next decoded part (`itemsBefore`), or the last one (`itemsAfter`),
 * so an encoder back to Responses restores them in place; each type is reported once as a warning.
 */
export function decodeInput(input: string | InputItem[] | undefined, warnings: Warning[]): DecodedInput {
  const state = new InputState(warnings);
  if (typeof input === "string") state.messages.push({ role: "user", content: [{ type: "text", text: input }] });
  else (input ?? []).forEach((item, index) => state.decodeItem(item, index));
  return state.finish();
}

class InputState {
  readonly system: TextPart[] = [];
  readonly messages: Message[] = [];
  readonly tools: Tool[] = [];
  private additionalToolsFields: Record<string, unknown> | undefined;
  private pendingItems: Record<string, unknown>[] = [];
  private lastPart: { extensions?: AssistantContentPart["extensions"] } | undefined;
  private readonly reportedTypes = new Set<string>();

  constructor(private readonly warnings: Warning[]) {}

  decodeItem(item: InputItem, index: number): void {
    const where = `input.${index}`;
    const type = item.type ?? "message";
    if (type === "message") return this.decodeMessage(item as MessageItem, index, where);
    if (type === "function_call" || type === "custom_tool_call")
      return this.addAssistantPart(decodeCall(item as FunctionCallItem | CustomToolCallItem));
    if (type === "reasoning") return this.addAssistantPart(decodeReasoning(item as ReasoningItem));
    if (type === "function_call_output" || type === "custom_tool_call_output") {
      return this.addToolResult(
        decodeResult(item as FunctionCallOutputItem | CustomToolCallOutputItem, this.warnings, where),
      );
    }
    if (type === "additional_tools") {
      this.tools.push(...decodeTools((item as AdditionalToolsItem).tools, { additional: true }));
      this.additionalToolsFields = extraFields(item as Record<string, unknown>, ["type", "role", "tools"]);
      return;
    }
    this.keepUnknown(item as Record<string, unknown>, type, where);
  }

  private decodeMessage(item: MessageItem, index: number, where: string): void {
    const content =
      typeof item.content === "string" ? [{ type: "input_text" as const, text: item.content }] : item.content;
    const parts = content.flatMap(
      (part, partIndex) => decodeContentPart(part, this.warnings, `${where}.content.${partIndex}`) ?? [],
    );
    const fields = extraFields(item as unknown as Record<string, unknown>, ["type", "role", "content"]);
    const stringContent = typeof item.content === "string" ? true : undefined;
    if (item.role === "system" || item.role === "developer") {
      const texts = parts.filter((part): part is TextPart => part.type === "text");
      if (texts.length < parts.length) {
        const detail = "only text can be an instruction in the IR; images and files dropped";
        this.warnings.push({ type: "unsupported", feature: `${where} ${item.role} content`, detail });
      }
      const leading = this.messages.length === 0;
      if (leading) {
        for (const text of texts)
          this.system.push(
            this.attach(
              mergeExtension(text, { role: item.role, message: index, messageFields: fields, stringContent }),
            ),
          );
        return;
      }
      const message = withExtensions(
        { role: "system" as const, content: texts.map((text) => this.attach(text)) },
        makeExtensions({ fields, stringContent }),
      );
      this.messages.push(item.role === "developer" ? { ...message, developer: true } : message);
      return;
    }
    if (item.role === "assistant") {
      for (const part of parts)
        if (part.type === "text")
          this.addAssistantPart(mergeExtension(part, { message: index, messageFields: fields }));
      return;
    }
    const attached = parts.map((part) => this.attach(part));
    this.messages.push(
      withExtensions({ role: "user" as const, content: attached }, makeExtensions({ fields, stringContent })),
    );
  }

  private addAssistantPart(part: AssistantContentPart): void {
    const last = this.messages.at(-1);
    const message: AssistantMessage = last?.role === "assistant" ? last : { role: "assistant", content: [] };
    if (message !== last) this.messages.push(message);
    message.content.push(this.attach(part));
  }

  private addToolResult(part: ToolResultPart): void {
    const last = this.messages.at(-1);
    if (last?.role === "tool") last.content.push(this.attach(part));
    else this.messages.push({ role: "tool", content: [this.attach(part)] });
  }

  private keepUnknown(item: Record<string, unknown>, type: string, where: string): void {
    this.pendingItems.push(item);
    if (this.reportedTypes.has(type)) return;
    this.reportedTypes.add(type);
    this.warnings.push({
      type: "compatibility",
      feature: `${where} ${type}`,
      detail: "no neutral meaning: kept only for an OpenAI Responses upstream",
    });
  }

  /** Hands pending unknown items to the part decoded next. */
  private attach<T extends { extensions?: AssistantContentPart["extensions"] }>(part: T): T {
    this.lastPart = part;
    if (this.pendingItems.length === 0) return part;
    const itemsBefore = this.pendingItems;
    this.pendingItems = [];
    const attached = mergeExtension(part, { itemsBefore });
    this.lastPart = attached;
    return attached;
  }

  finish(): DecodedInput {
    let strayItems: Record<string, unknown>[] = [];
    if (this.pendingItems.length > 0 && this.lastPart !== undefined) {
      // Mutating in place: the part already sits in a message.
      const data = readExtension(this.lastPart);
      this.lastPart.extensions = {
        ...this.lastPart.extensions,
        [extensionKey]: { ...data, itemsAfter: this.pendingItems },
      };
    } else strayItems = this.pendingItems;
    const additionalToolsFields = this.additionalToolsFields;
    return { system: this.system, messages: this.messages, tools: this.tools, strayItems, additionalToolsFields };
  }
}

function mergeExtension<T extends { extensions?: AssistantContentPart["extensions"] }>(
  part: T,
  data: Record<string, unknown>,
): T {
  return withExtensions(part, makeExtensions({ ...readExtension(part), ...data }));
}

export function decodeCall(item: FunctionCallItem | CustomToolCallItem): ToolCallPart {
  const custom = item.type === "custom_tool_call";
  const part: ToolCallPart = {
    type: "tool-call",
    id: item.call_id,
    name: item.name,
    input: custom ? item.input : item.arguments,
    kind: custom ? "custom" : "function",
  };
  if (item.namespace !== undefined) part.namespace = item.namespace;
  const known = ["type", "call_id", "name", custom ? "input" : "arguments", "namespace"];
  return withExtensions(
    part,
    makeExtensions({ fields: extraFields(item as unknown as Record<string, unknown>, known) }),
  );
}

function decodeResult(
  item: FunctionCallOutputItem | CustomToolCallOutputItem,
  warnings: Warning[],
  where: string,
): ToolResultPart {
  const kind = item.type === "custom_tool_call_output" ? "custom" : "function";
  const part: ToolResultPart = {
    type: "tool-result",
    callId: item.call_id,
    content: decodeToolOutput(item.output, warnings, `${where}.output`),
    kind,
  };
  return withExtensions(
    part,
    makeExtensions({ fields: extraFields(item as unknown as Record<string, unknown>, ["type", "call_id", "output"]) }),
  );
}
