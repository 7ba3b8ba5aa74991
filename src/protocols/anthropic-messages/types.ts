/**
 * Wire types of the Anthropic Messages API: the subset the gateway reads or writes, after
 * `@anthropic-ai/sdk` `resources/messages/messages.d.ts` (and its `beta/` twin). Fields we do not
 * interpret stay reachable through the index signatures, so nothing a client sends is lost.
 */

export interface CacheControl {
  type: "ephemeral";
  ttl?: "5m" | "1h";
}

export interface TextBlock {
  type: "text";
  text: string;
  cache_control?: CacheControl | null;
  citations?: unknown[] | null;
}

export type ImageSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string }
  | { type: "file"; file_id: string };

export interface ImageBlock {
  type: "image";
  source: ImageSource;
  cache_control?: CacheControl | null;
}

export type DocumentSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string }
  | { type: "text"; media_type: "text/plain"; data: string }
  | { type: "content"; content: string | unknown[] }
  | { type: "file"; file_id: string };

export interface DocumentBlock {
  type: "document";
  source: DocumentSource;
  title?: string | null;
  context?: string | null;
  citations?: { enabled?: boolean } | null;
  cache_control?: CacheControl | null;
}

export interface ThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
}

export interface ToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControl | null;
}

export interface ToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content?: string | Array<TextBlock | ImageBlock | { type: string; [key: string]: unknown }>;
  is_error?: boolean;
  cache_control?: CacheControl | null;
}

/** Blocks we pass along without interpreting (server tool use and results, search results, …). */
export interface OtherBlock {
  type: string;
  [key: string]: unknown;
}

export type ContentBlock =
  TextBlock | ImageBlock | DocumentBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock | ToolResultBlock;

export interface MessageParam {
  role: "user" | "assistant" | "system";
  content: string | ContentBlock[];
}

/** A client function tool (`type` absent or `custom`). Server tools carry a versioned `type`. */
export interface FunctionToolParam {
  type?: "custom";
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
  cache_control?: CacheControl | null;
  [key: string]: unknown;
}

export interface ServerToolParam {
  type: string;
  name: string;
  [key: string]: unknown;
}

export type ToolParam = FunctionToolParam | ServerToolParam;

export type ToolChoice =
  | { type: "auto"; disable_parallel_tool_use?: boolean }
  | { type: "any"; disable_parallel_tool_use?: boolean }
  | { type: "tool"; name: string; disable_parallel_tool_use?: boolean }
  | { type: "none" };

export type ThinkingConfig =
  | { type: "enabled"; budget_tokens: number; display?: "summarized" | "omitted" | null }
  | { type: "adaptive"; display?: "summarized" | "omitted" | null }
  | { type: "disabled" };

export type Effort = "low" | "medium" | "high" | "xhigh" | "max";

export interface OutputConfig {
  effort?: Effort | null;
  format?: { type: "json_schema"; schema: Record<string, unknown> } | null;
}

export interface MessageCreateParams {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: string | TextBlock[];
  tools?: ToolParam[];
  tool_choice?: ToolChoice;
  thinking?: ThinkingConfig;
  output_config?: OutputConfig;
  metadata?: { user_id?: string | null };
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stream?: boolean;
  [key: string]: unknown;
}

export type StopReason =
  "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal" | "model_context_window_exceeded";

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens: number } | null;
  [key: string]: unknown;
}

export type ResponseContentBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock | OtherBlock;

export interface Message {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: ResponseContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
}

export type ContentBlockDelta =
  | { type: "text_delta"; text: string }
  | { type: "input_json_delta"; partial_json: string }
  | { type: "thinking_delta"; thinking: string }
  | { type: "signature_delta"; signature: string }
  | { type: "citations_delta"; citation: unknown };

export type StreamEvent =
  | { type: "message_start"; message: Message }
  | { type: "content_block_start"; index: number; content_block: ResponseContentBlock }
  | { type: "content_block_delta"; index: number; delta: ContentBlockDelta }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: { stop_reason: StopReason | null; stop_sequence: string | null };
      usage: Partial<Usage>;
    }
  | { type: "message_stop" }
  | { type: "ping" }
  | { type: "error"; error: ErrorObject };

export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "timeout_error"
  | "api_error"
  | "overloaded_error";

export interface ErrorObject {
  type: ErrorType | (string & {});
  message: string;
}

export interface ErrorBody {
  type: "error";
  error: ErrorObject;
  request_id?: string;
}
