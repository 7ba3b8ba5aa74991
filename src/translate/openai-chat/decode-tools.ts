import type { CustomTool, FunctionTool, Tool, ToolChoice } from "../../ir/tool.js";
import type { Warning } from "../../ir/warning.js";
import type { ChatCustomTool, ChatFunctionTool, ChatRequest, ChatTool } from "../../protocols/openai-chat/types.js";

const emptySchema = { type: "object", properties: {} };

export function decodeTools(request: ChatRequest): Tool[] {
  const tools: Tool[] = (request.tools ?? []).map(decodeTool);
  // The deprecated `functions` list is the same thing without the wrapper.
  for (const definition of request.functions ?? []) tools.push(decodeTool({ type: "function", function: definition }));
  return tools;
}

function decodeTool(tool: ChatTool): Tool {
  return tool.type === "custom" ? decodeCustomTool(tool) : decodeFunctionTool(tool);
}

function decodeFunctionTool(tool: ChatFunctionTool): FunctionTool {
  const { name, description, parameters, strict } = tool.function;
  const result: FunctionTool = { kind: "function", name, inputSchema: parameters ?? emptySchema };
  if (description !== undefined) result.description = description;
  if (typeof strict === "boolean") result.strict = strict;
  return result;
}

function decodeCustomTool(tool: ChatCustomTool): CustomTool {
  const { name, description, format } = tool.custom;
  const result: CustomTool = { kind: "custom", name };
  if (description !== undefined) result.description = description;
  const grammar = format?.["grammar"] as { syntax?: string; definition?: string } | undefined;
  if (format?.["type"] === "grammar" && grammar?.definition !== undefined) {
    result.format = { type: "grammar", syntax: grammar.syntax ?? "lark", definition: grammar.definition };
  } else if (format?.["type"] === "text") {
    result.format = { type: "text" };
  }
  return result;
}

export function decodeToolChoice(request: ChatRequest, warnings: Warning[]): ToolChoice | undefined {
  const choice = request.tool_choice;
  // The protocol's schema allows null for "not given", as OpenAI does.
  if (choice === undefined || choice === null) return decodeLegacyFunctionCall(request.function_call);
  if (typeof choice === "string") return { type: choice };
  if (choice.type === "function") return { type: "tool", name: choice.function.name };
  if (choice.type === "custom") return { type: "tool", name: choice.custom.name };
  warnings.push({
    type: "compatibility",
    feature: "tool_choice allowed_tools",
    detail: "The allowed-tools subset is not carried; its mode is kept and every tool stays available.",
  });
  return { type: choice.allowed_tools.mode };
}

function decodeLegacyFunctionCall(choice: ChatRequest["function_call"]): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === "string") return { type: choice };
  return { type: "tool", name: choice.name };
}
