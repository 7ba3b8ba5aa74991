import type { Tool, ToolChoice } from "../../ir/tool.js";
import type { Warning } from "../../ir/warning.js";
import type {
  FunctionToolParam,
  ToolChoice as WireToolChoice,
  ToolParam,
} from "../../protocols/anthropic-messages/types.js";
import { ownFields } from "./extensions.js";

export function encodeTools(tools: Tool[], warnings: Warning[]): ToolParam[] {
  return tools.flatMap((tool, index): ToolParam[] => {
    const where = `tools[${index}]`;
    if (tool.kind === "protocol") {
      if (tool.protocol === "anthropic-messages") return [tool.raw as ToolParam];
      warnings.push({
        type: "unsupported",
        feature: `${where} ${tool.type}`,
        detail: `A ${tool.protocol} tool cannot run on Anthropic; it was dropped.`,
      });
      return [];
    }
    if (tool.kind === "custom" || tool.namespace !== undefined) {
      warnings.push({
        type: "unsupported",
        feature: `${where} ${tool.name}`,
        detail: "Custom or namespaced tools must be lowered before reaching Anthropic; the tool was dropped.",
      });
      return [];
    }
    const encoded: FunctionToolParam = {
      ...ownFields(tool.extensions),
      name: tool.name,
      input_schema: tool.inputSchema,
    };
    if (tool.description !== undefined) encoded.description = tool.description;
    if (tool.strict !== undefined) encoded.strict = tool.strict;
    return [encoded];
  });
}

export function encodeToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  hasTools: boolean,
): WireToolChoice | undefined {
  const disableParallel = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (choice?.type) {
    case undefined:
      return parallelToolCalls === false && hasTools ? { type: "auto", ...disableParallel } : undefined;
    case "none":
      return { type: "none" };
    case "auto":
      return { type: "auto", ...disableParallel };
    case "required":
      return { type: "any", ...disableParallel };
    case "tool":
      return { type: "tool", name: choice.name, ...disableParallel };
  }
}
