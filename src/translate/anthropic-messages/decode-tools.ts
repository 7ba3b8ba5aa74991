import type { Tool, ToolChoice } from "../../ir/tool.js";
import type {
  FunctionToolParam,
  ToolChoice as WireToolChoice,
  ToolParam,
} from "../../protocols/anthropic-messages/types.js";
import { extraFields, withExtensions } from "./extensions.js";

/** Client tools become IR functions; server tools (`web_search_*`, `bash_*`, `text_editor_*`, …) stay verbatim. */
export function decodeTools(tools: ToolParam[] | undefined): Tool[] {
  return (tools ?? []).map((tool): Tool => {
    if (tool.type !== undefined && tool.type !== "custom") {
      return { kind: "protocol", protocol: "anthropic-messages", type: tool.type, raw: tool };
    }
    const { name, description, input_schema: inputSchema, strict } = tool as FunctionToolParam;
    const decoded: Tool = { kind: "function", name, inputSchema };
    if (description !== undefined) decoded.description = description;
    if (strict !== undefined) decoded.strict = strict;
    return withExtensions(decoded, extraFields(tool, ["type", "name", "description", "input_schema", "strict"]));
  });
}

export function decodeToolChoice(choice: WireToolChoice | undefined): {
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
} {
  if (choice === undefined) return {};
  const decoded: { toolChoice?: ToolChoice; parallelToolCalls?: boolean } = {};
  if (choice.type === "auto" || choice.type === "none") decoded.toolChoice = { type: choice.type };
  else if (choice.type === "any") decoded.toolChoice = { type: "required" };
  else decoded.toolChoice = { type: "tool", name: choice.name };
  if ("disable_parallel_tool_use" in choice && choice.disable_parallel_tool_use === true)
    decoded.parallelToolCalls = false;
  return decoded;
}
