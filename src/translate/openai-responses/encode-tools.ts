import type { Tool, ToolChoice } from "../../ir/tool.js";
import type { Warning } from "../../ir/warning.js";
import type {
  NamespaceToolDefinition,
  Tool as WireTool,
  ToolChoice as WireToolChoice,
} from "../../protocols/openai-responses/types.js";
import { additionalMarker } from "./decode-tools.js";
import { readExtension } from "./extensions.js";

export interface EncodedTools {
  tools: WireTool[];
  /** Tools that came from an `additional_tools` input item. */
  additionalTools: WireTool[];
}

/** Namespaced members gather back into one `namespace` group at the place of the first member. */
export function encodeTools(tools: readonly Tool[], warnings: Warning[]): EncodedTools {
  const result: EncodedTools = { tools: [], additionalTools: [] };
  const groups = new Map<string, NamespaceToolDefinition>();
  tools.forEach((tool, index) => {
    if (tool.kind === "protocol") {
      if (tool.protocol !== "openai-responses") {
        warnings.push({
          type: "unsupported",
          feature: `tools.${index} ${tool.type}`,
          detail: `a ${tool.protocol} tool cannot be sent to OpenAI Responses; dropped`,
        });
        return;
      }
      const { [additionalMarker]: additional, ...raw } = tool.raw;
      (additional === true ? result.additionalTools : result.tools).push(raw as WireTool);
      return;
    }
    const data = readExtension(tool);
    const target = data.additional === true ? result.additionalTools : result.tools;
    const fields = (data.fields as Record<string, unknown> | undefined) ?? {};
    const wire: WireTool =
      tool.kind === "function"
        ? {
            type: "function",
            name: tool.name,
            ...(tool.description === undefined ? {} : { description: tool.description }),
            parameters: tool.inputSchema,
            // Responses treats a missing `strict` as true, which rejects most schemas written for other APIs.
            strict: tool.strict ?? false,
            ...fields,
          }
        : {
            type: "custom",
            name: tool.name,
            ...(tool.description === undefined ? {} : { description: tool.description }),
            ...(tool.format === undefined ? {} : { format: tool.format }),
            ...fields,
          };
    if (tool.namespace === undefined) {
      target.push(wire);
      return;
    }
    let group = groups.get(tool.namespace);
    if (group === undefined) {
      const description = typeof data.namespaceDescription === "string" ? data.namespaceDescription : "";
      group = { type: "namespace", name: tool.namespace, description, tools: [] };
      groups.set(tool.namespace, group);
      target.push(group);
    }
    group.tools.push(wire as NamespaceToolDefinition["tools"][number]);
  });
  return result;
}

/** A named choice becomes `{type:"function"}` or `{type:"custom"}` after the declared tool's kind. */
export function encodeToolChoice(choice: ToolChoice, tools: readonly Tool[]): WireToolChoice {
  if (choice.type !== "tool") return choice.type;
  const declared = tools.find(
    (tool) =>
      tool.kind !== "protocol" &&
      tool.name === choice.name &&
      (choice.namespace === undefined || tool.namespace === choice.namespace),
  );
  return { type: declared?.kind === "custom" ? "custom" : "function", name: choice.name };
}
