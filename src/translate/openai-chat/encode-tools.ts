import type { Tool, ToolChoice } from "../../ir/tool.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatFunctionTool, ChatTool, ChatToolChoice } from "../../protocols/openai-chat/types.js";

/**
 * Function tools, and Chat's own protocol tools verbatim. Custom and namespaced tools should have
 * been lowered (translate/shared/lower-tools.ts) before this; what remains cannot be sent.
 */
export function encodeTools(tools: Tool[], warnings: Warning[]): ChatTool[] {
  const encoded: ChatTool[] = [];
  tools.forEach((tool, index) => {
    if (tool.kind === "function") {
      const definition: ChatFunctionTool["function"] = { name: tool.name, parameters: tool.inputSchema };
      if (tool.description !== undefined) definition.description = tool.description;
      if (tool.strict !== undefined) definition.strict = tool.strict;
      encoded.push({ type: "function", function: definition });
    } else if (tool.kind === "protocol" && tool.protocol === "openai-chat") {
      encoded.push(tool.raw as unknown as ChatTool);
    } else {
      const what = tool.kind === "custom" ? `custom tool ${tool.name}` : `${tool.protocol} tool ${tool.type}`;
      warnings.push({
        type: "unsupported",
        feature: `tools.${index} ${what}`,
        detail: "Chat Completions cannot take this tool; it was dropped.",
      });
    }
  });
  return encoded;
}

export function encodeToolChoice(choice: ToolChoice): ChatToolChoice {
  if (choice.type === "tool") return { type: "function", function: { name: choice.name } };
  return choice.type;
}
