import type { Extensions } from "./extensions.js";

export interface TextPart {
  type: "text";
  text: string;
  extensions?: Extensions;
}

export type ImageSource = { kind: "base64"; mediaType: string; data: string } | { kind: "url"; url: string };

export interface ImagePart {
  type: "image";
  source: ImageSource;
  /** OpenAI's `detail` hint (`auto`, `low`, `high`); Anthropic has no equivalent. */
  detail?: string;
  extensions?: Extensions;
}

/** A document (PDF or plain text) given as input. */
export interface FilePart {
  type: "file";
  source:
    { kind: "base64"; mediaType: string; data: string } | { kind: "url"; url: string } | { kind: "text"; text: string };
  filename?: string;
  extensions?: Extensions;
}

/**
 * Model reasoning. `text` is the readable thinking or summary. The opaque fields let a
 * reasoning block travel back to the upstream that made it:
 * - `signature`: Anthropic's thinking signature;
 * - `redactedData`: Anthropic `redacted_thinking.data` (then `text` is empty);
 * - `encryptedContent`: OpenAI Responses `reasoning.encrypted_content`;
 * - `id`: the Responses reasoning item id.
 */
export interface ReasoningPart {
  type: "reasoning";
  text: string;
  signature?: string;
  redactedData?: string;
  encryptedContent?: string;
  id?: string;
  extensions?: Extensions;
}

/** How a tool is called: a JSON-arguments function, or a freeform (`custom`) tool taking raw text. */
export type ToolKind = "function" | "custom";

export interface ToolCallPart {
  type: "tool-call";
  /** The call id the client must echo in its result (`tool_use.id`, `tool_calls[].id`, `call_id`). */
  id: string;
  name: string;
  /** For `function` tools a JSON text of the arguments; for `custom` tools the raw input string. */
  input: string;
  kind: ToolKind;
  /** Responses `namespace` the tool was declared in, when any. */
  namespace?: string;
  extensions?: Extensions;
}

export type ToolResultContent = string | Array<TextPart | ImagePart>;

export interface ToolResultPart {
  type: "tool-result";
  callId: string;
  /** The tool's name when the wire carries it (Chat and Anthropic do not; decoders may fill it from history). */
  name?: string;
  content: ToolResultContent;
  isError?: boolean;
  kind?: ToolKind;
  extensions?: Extensions;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart;
