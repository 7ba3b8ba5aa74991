/**
 * OpenAI Chat Completions wire shapes, following `openai/resources/chat/completions/*.d.ts`.
 * Only the fields the gateway reads or writes are typed; the rest pass through as unknown keys.
 * The `reasoning_*` fields are not OpenAI's: OpenAI-compatible servers (`reasoning_content`,
 * `reasoning`) and GitHub Copilot (`reasoning_text` + `reasoning_opaque`) add them.
 */

export type ChatRole = "system" | "developer" | "user" | "assistant" | "tool" | "function";

export interface ChatTextPart {
  type: "text";
  text: string;
}

export interface ChatImagePart {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

export interface ChatInputAudioPart {
  type: "input_audio";
  input_audio: { data: string; format: string };
}

export interface ChatFilePart {
  type: "file";
  file: { file_data?: string; file_id?: string; filename?: string };
}

export interface ChatRefusalPart {
  type: "refusal";
  refusal: string;
}

export type ChatUserContentPart = ChatTextPart | ChatImagePart | ChatInputAudioPart | ChatFilePart;

export interface ChatFunctionToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatCustomToolCall {
  id: string;
  type: "custom";
  custom: { name: string; input: string };
}

export type ChatToolCall = ChatFunctionToolCall | ChatCustomToolCall;

/** The non-standard reasoning fields some servers put on an assistant message or delta. */
export interface ChatReasoningFields {
  reasoning_content?: string | null;
  reasoning?: string | null;
  reasoning_text?: string | null;
  reasoning_opaque?: string | null;
}

export interface ChatSystemMessage {
  role: "system" | "developer";
  content: string | ChatTextPart[];
  name?: string;
}

export interface ChatUserMessage {
  role: "user";
  content: string | ChatUserContentPart[];
  name?: string;
}

export interface ChatAssistantMessage extends ChatReasoningFields {
  role: "assistant";
  content?: string | Array<ChatTextPart | ChatRefusalPart> | null;
  refusal?: string | null;
  tool_calls?: ChatToolCall[];
  /** Deprecated single-function form. */
  function_call?: { name: string; arguments: string } | null;
  name?: string;
}

export interface ChatToolMessage {
  role: "tool";
  content: string | ChatTextPart[];
  tool_call_id: string;
}

/** Deprecated: the result of a `function_call`. */
export interface ChatFunctionMessage {
  role: "function";
  content: string | null;
  name: string;
}

export type ChatMessage =
  ChatSystemMessage | ChatUserMessage | ChatAssistantMessage | ChatToolMessage | ChatFunctionMessage;

export interface ChatFunctionTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export interface ChatCustomTool {
  type: "custom";
  custom: { name: string; description?: string; format?: Record<string, unknown> };
}

export type ChatTool = ChatFunctionTool | ChatCustomTool;

export type ChatToolChoice =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; function: { name: string } }
  | { type: "custom"; custom: { name: string } }
  | { type: "allowed_tools"; allowed_tools: { mode: "auto" | "required"; tools: Array<Record<string, unknown>> } };

export type ChatResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null };
    };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: ChatToolChoice | null;
  parallel_tool_calls?: boolean;
  /** Deprecated function-calling form. */
  functions?: Array<ChatFunctionTool["function"]> | null;
  function_call?: "none" | "auto" | { name: string } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  n?: number | null;
  reasoning_effort?: string | null;
  response_format?: ChatResponseFormat | null;
  verbosity?: string | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean } | null;
  user?: string;
  prompt_cache_key?: string;
  [key: string]: unknown;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  } | null;
}

export type ChatFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

export interface ChatResponseMessage extends ChatReasoningFields {
  role: "assistant";
  content: string | null;
  refusal: string | null;
  tool_calls?: ChatToolCall[];
  function_call?: { name: string; arguments: string } | null;
  annotations?: unknown[];
}

export interface ChatChoice {
  index: number;
  message: ChatResponseMessage;
  finish_reason: ChatFinishReason | null;
  logprobs: unknown;
}

export interface ChatResponse {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: ChatChoice[];
  usage?: ChatUsage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

export interface ChatToolCallDelta {
  /** Left out by some compatible servers (Gemini's), which send each call whole. */
  index?: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface ChatDelta extends ChatReasoningFields {
  role?: "assistant";
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ChatToolCallDelta[];
  function_call?: { name?: string; arguments?: string };
}

export interface ChatChunkChoice {
  index: number;
  delta: ChatDelta;
  finish_reason: ChatFinishReason | null;
  logprobs?: unknown;
}

export interface ChatChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: ChatChunkChoice[];
  usage?: ChatUsage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

export interface ChatErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
