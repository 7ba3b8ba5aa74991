import type { CustomTool, FunctionTool, Tool, ToolChoice } from "../../ir/tool.js";
import type {
  CustomToolDefinition,
  FunctionToolDefinition,
  Tool as WireTool,
  ToolChoice as WireToolChoice,
} from "../../protocols/openai-responses/types.js";
import { extraFields, isRecord, makeExtensions, withExtensions } from "./extensions.js";

function decodeFunction(tool: FunctionToolDefinition, namespace: string | undefined): FunctionTool {
  const result: FunctionTool = {
    kind: "function",
    name: tool.name,
    inputSchema: isRecord(tool.parameters) ? tool.parameters : { type: "object", properties: {} },
  };
  if (typeof tool.description === "string") result.description = tool.description;
  if (typeof tool.strict === "boolean") result.strict = tool.strict;
  if (namespace !== undefined) result.namespace = namespace;
  const fields = extraFields(tool as unknown as Record<string, unknown>, [
    "type",
    "name",
    "description",
    "parameters",
    "strict",
  ]);
  return withExtensions(result, makeExtensions({ fields }));
}

function decodeCustom(tool: CustomToolDefinition, namespace: string | undefined): CustomTool {
  const result: CustomTool = { kind: "custom", name: tool.name };
  if (tool.description !== undefined) result.description = tool.description;
  if (tool.format !== undefined) result.format = tool.format;
  if (namespace !== undefined) result.namespace = namespace;
  const fields = extraFields(tool as unknown as Record<string, unknown>, ["type", "name", "description", "format"]);
  return withExtensions(result, makeExtensions({ fields }));
}

export interface DecodeToolsOptions {
  /** Set for tools declared in an `additional_tools` input item, so encoding back can put them there again. */
  additional?: boolean;
}

/**
 * Function and custom tools become IR tools; a `namespace` group becomes its members with
 * `namespace` set (the group's description rides along in extensions); anything else —
 * hosted tools (`web_search`, `file_search`, …) and client-run `tool_search` — is a ProtocolTool.
 */
export function decodeTools(tools: readonly WireTool[], options: DecodeToolsOptions = {}): Tool[] {
  const result: Tool[] = [];
  const marker = options.additional === true ? { additional: true } : {};
  for (const tool of tools) {
    if (tool.type === "function") result.push(mark(decodeFunction(tool as FunctionToolDefinition, undefined), marker));
    else if (tool.type === "custom") result.push(mark(decodeCustom(tool as CustomToolDefinition, undefined), marker));
    else if (tool.type === "namespace" && Array.isArray(tool.tools)) {
      const group = {
        name: String(tool.name),
        description: typeof tool.description === "string" ? tool.description : undefined,
      };
      for (const member of tool.tools as Array<FunctionToolDefinition | CustomToolDefinition>) {
        const decoded =
          member.type === "custom" ? decodeCustom(member, group.name) : decodeFunction(member, group.name);
        result.push(mark(decoded, { ...marker, namespaceDescription: group.description }));
      }
    } else {
      const raw = options.additional === true ? { ...tool, [additionalMarker]: true } : { ...tool };
      result.push({ kind: "protocol", protocol: "openai-responses", type: tool.type, raw });
    }
  }
  return result;
}

/** ProtocolTool has no extensions; a hosted tool from `additional_tools` is marked in its raw copy, removed on encode. */
export const additionalMarker = "__switchboard_additional_tools";

function mark<T extends FunctionTool | CustomTool>(tool: T, data: Record<string, unknown>): T {
  const extensions = makeExtensions({ ...tool.extensions?.["openai-responses"], ...data });
  return withExtensions(tool, extensions);
}

/** Named choices map onto the IR; anything else (allowed_tools, hosted types) is kept raw by the caller. */
export function decodeToolChoice(choice: WireToolChoice | undefined): ToolChoice | undefined {
  if (choice === "auto" || choice === "none" || choice === "required") return { type: choice };
  if (isRecord(choice) && (choice.type === "function" || choice.type === "custom") && typeof choice.name === "string") {
    return { type: "tool", name: choice.name };
  }
  return undefined;
}
