import { parseJson } from "../../lib/parse-json.js";
import type { AssistantContentPart, ToolCallPart, ToolResultPart } from "../../ir/content-part.js";
import type { Message } from "../../ir/message.js";
import type { Request } from "../../ir/request.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { FunctionTool, Tool } from "../../ir/tool.js";

/**
 * Upstreams that know only plain function tools (Chat-compatible servers, Anthropic) cannot take
 * Responses' `namespace` groups or freeform `custom` tools. Lowering rewrites them into plain
 * functions the upstream accepts, and `ToolNameMap.restore*` turns the upstream's calls back into
 * what the client declared, so the client never sees the difference.
 *
 * - a namespaced function `ns` + `name` becomes `ns__name` (names stay within `[a-zA-Z0-9_-]`);
 * - a custom tool becomes a function taking `{ "input": string }`, with the grammar (if any)
 *   appended to its description so the model still knows the expected syntax.
 */
export const namespaceSeparator = "__";
const customInputKey = "input";

export interface LoweredTool {
  upstreamName: string;
  name: string;
  namespace?: string;
  kind: "function" | "custom";
}

export class ToolNameMap {
  private readonly byUpstreamName = new Map<string, LoweredTool>();

  add(tool: LoweredTool): void {
    this.byUpstreamName.set(tool.upstreamName, tool);
  }

  get(upstreamName: string): LoweredTool | undefined {
    return this.byUpstreamName.get(upstreamName);
  }

  get size(): number {
    return this.byUpstreamName.size;
  }

  /** The upstream's call → the client's call (name, namespace, kind, raw input for custom tools). */
  restoreCall(call: ToolCallPart): ToolCallPart {
    const lowered = this.byUpstreamName.get(call.name);
    if (lowered === undefined) return call;
    const restored: ToolCallPart = { ...call, name: lowered.name, kind: lowered.kind };
    if (lowered.namespace !== undefined) restored.namespace = lowered.namespace;
    if (lowered.kind === "custom") restored.input = unwrapCustomInput(call.input);
    return restored;
  }

  restoreContent(content: AssistantContentPart[]): AssistantContentPart[] {
    if (this.size === 0) return content;
    return content.map((part) => (part.type === "tool-call" ? this.restoreCall(part) : part));
  }

  /** A restorer for one stream, part by part. */
  streamRestorer(): StreamNameRestorer {
    return new StreamNameRestorer(this);
  }
}

/**
 * Restores names in a stream, synchronously, one part at a time. Custom-tool input arrives as JSON
 * text `{"input":"…"}` split in deltas; it is held until the call ends and then sent as one delta
 * of raw text.
 */
export class StreamNameRestorer {
  private readonly customBuffers = new Map<string, string>();

  constructor(private readonly names: ToolNameMap) {}

  /** The parts one upstream part becomes: itself renamed, nothing (held input), or the held input and the end. */
  push(part: StreamPart): StreamPart[] {
    if (part.type === "tool-input-start") {
      const lowered = this.names.get(part.name);
      if (lowered === undefined) return [part];
      const restored: StreamPart = { ...part, name: lowered.name, kind: lowered.kind };
      if (lowered.namespace !== undefined) restored.namespace = lowered.namespace;
      if (lowered.kind === "custom") this.customBuffers.set(part.id, "");
      return [restored];
    }
    if (part.type === "tool-input-delta" && this.customBuffers.has(part.id)) {
      this.customBuffers.set(part.id, (this.customBuffers.get(part.id) ?? "") + part.delta);
      return [];
    }
    if (part.type === "tool-input-end" && this.customBuffers.has(part.id)) {
      const input = unwrapCustomInput(this.customBuffers.get(part.id) ?? "");
      this.customBuffers.delete(part.id);
      return input.length > 0 ? [{ type: "tool-input-delta", id: part.id, delta: input }, part] : [part];
    }
    return [part];
  }
}

function unwrapCustomInput(json: string): string {
  // Not JSON: the model sent the raw text itself; pass it on as is.
  const parsed = parseJson(json);
  if (parsed !== null && typeof parsed === "object" && customInputKey in parsed) {
    const value = (parsed as Record<string, unknown>)[customInputKey];
    return typeof value === "string" ? value : JSON.stringify(value);
  }
  return json;
}

function upstreamNameOf(name: string, namespace: string | undefined): string {
  return namespace === undefined ? name : `${namespace}${namespaceSeparator}${name}`;
}

function lowerTool(tool: Tool, map: ToolNameMap): Tool {
  if (tool.kind === "protocol") return tool;
  const upstreamName = upstreamNameOf(tool.name, tool.namespace);
  if (tool.kind === "function") {
    if (tool.namespace === undefined) return tool;
    map.add({ upstreamName, name: tool.name, namespace: tool.namespace, kind: "function" });
    const lowered: FunctionTool = { ...tool, name: upstreamName };
    delete lowered.namespace;
    return lowered;
  }
  const entry: LoweredTool = { upstreamName, name: tool.name, kind: "custom" };
  if (tool.namespace !== undefined) entry.namespace = tool.namespace;
  map.add(entry);
  const grammar =
    tool.format?.type === "grammar"
      ? `\n\nThe "input" argument is raw text in this ${tool.format.syntax} grammar:\n${tool.format.definition}`
      : "";
  const lowered: FunctionTool = {
    kind: "function",
    name: upstreamName,
    description: `${tool.description ?? ""}${grammar}`.trim(),
    inputSchema: {
      type: "object",
      properties: { [customInputKey]: { type: "string", description: "The raw input text for this tool." } },
      required: [customInputKey],
      additionalProperties: false,
    },
  };
  return lowered;
}

function lowerCallInHistory(part: ToolCallPart): ToolCallPart {
  const upstreamName = upstreamNameOf(part.name, part.namespace);
  if (part.kind !== "custom" && part.namespace === undefined) return part;
  const lowered: ToolCallPart = { ...part, name: upstreamName, kind: "function" };
  delete lowered.namespace;
  if (part.kind === "custom") lowered.input = JSON.stringify({ [customInputKey]: part.input });
  return lowered;
}

function lowerResult(part: ToolResultPart): ToolResultPart {
  if (part.kind !== "custom") return part;
  return { ...part, kind: "function" };
}

function lowerMessage(message: Message): Message {
  if (message.role === "assistant") {
    return {
      ...message,
      content: message.content.map((part) => (part.type === "tool-call" ? lowerCallInHistory(part) : part)),
    };
  }
  if (message.role === "tool") return { ...message, content: message.content.map(lowerResult) };
  return message;
}

/** Rewrites namespaced and custom tools (and their calls in the history) into plain functions. */
export function lowerTools(request: Request): { request: Request; names: ToolNameMap } {
  const names = new ToolNameMap();
  const needsLowering =
    request.tools.some(
      (tool) => tool.kind === "custom" || (tool.kind === "function" && tool.namespace !== undefined),
    ) ||
    request.messages.some(
      (message) =>
        message.role === "assistant" &&
        message.content.some(
          (part) => part.type === "tool-call" && (part.kind === "custom" || part.namespace !== undefined),
        ),
    );
  if (!needsLowering) return { request, names };
  const tools = request.tools.map((tool) => lowerTool(tool, names));
  const lowered: Request = { ...request, tools, messages: request.messages.map(lowerMessage) };
  if (request.toolChoice?.type === "tool") {
    lowered.toolChoice = { type: "tool", name: upstreamNameOf(request.toolChoice.name, request.toolChoice.namespace) };
  }
  return { request: lowered, names };
}
