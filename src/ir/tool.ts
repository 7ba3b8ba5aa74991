import type { Extensions } from "./extensions.js";

export interface FunctionTool {
  kind: "function";
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
  strict?: boolean;
  /** Responses `namespace` group this tool belongs to. Encoders without namespaces flatten the name. */
  namespace?: string;
  extensions?: Extensions;
}

/** A freeform tool whose input is raw text, optionally constrained by a grammar (Responses `custom`). */
export interface CustomTool {
  kind: "custom";
  name: string;
  description?: string;
  format?: { type: "text" } | { type: "grammar"; syntax: string; definition: string };
  namespace?: string;
  extensions?: Extensions;
}

/**
 * A tool run by the vendor (`web_search`, code interpreter, Anthropic server tools) or a
 * protocol-specific tool the client executes itself (Responses `tool_search` with
 * `execution: "client"`). Kept verbatim; only an encoder of the same protocol can send it.
 */
export interface ProtocolTool {
  kind: "protocol";
  protocol: "anthropic-messages" | "openai-chat" | "openai-responses";
  type: string;
  raw: Record<string, unknown>;
}

export type Tool = FunctionTool | CustomTool | ProtocolTool;

export type ToolChoice =
  { type: "auto" } | { type: "none" } | { type: "required" } | { type: "tool"; name: string; namespace?: string };
