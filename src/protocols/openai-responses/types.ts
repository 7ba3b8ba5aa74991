/**
 * The OpenAI Responses wire shapes Switchboard reads and writes, following the `openai` SDK's
 * `resources/responses/responses.d.ts`. Only the fields translation relies on are named; every
 * object may carry more, which we pass along untouched.
 */

export type JsonObject = Record<string, unknown>;

export interface InputText {
  type: "input_text";
  text: string;
}
export interface InputImage {
  type: "input_image";
  image_url?: string | null;
  file_id?: string | null;
  detail?: "low" | "high" | "auto" | "original" | null;
}
export interface InputFile {
  type: "input_file";
  file_data?: string;
  file_id?: string | null;
  file_url?: string;
  filename?: string;
}
export interface OutputText {
  type: "output_text";
  text: string;
  annotations: unknown[];
  logprobs?: unknown[];
}
export interface Refusal {
  type: "refusal";
  refusal: string;
}

export type InputContent = InputText | InputImage | InputFile;
export type MessageContent = InputContent | OutputText | Refusal;

export interface MessageItem {
  type?: "message";
  id?: string;
  role: "user" | "assistant" | "system" | "developer";
  content: string | MessageContent[];
  status?: "in_progress" | "completed" | "incomplete";
  phase?: string | null;
}

export interface FunctionCallItem {
  type: "function_call";
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  namespace?: string;
  status?: "in_progress" | "completed" | "incomplete";
}

export interface FunctionCallOutputItem {
  type: "function_call_output";
  id?: string | null;
  call_id: string;
  output: string | Array<InputText | InputImage | InputFile>;
}

export interface CustomToolCallItem {
  type: "custom_tool_call";
  id?: string;
  call_id: string;
  name: string;
  input: string;
  namespace?: string;
  status?: "in_progress" | "completed" | "incomplete";
}

export interface CustomToolCallOutputItem {
  type: "custom_tool_call_output";
  id?: string;
  call_id: string;
  output: string | Array<InputText | InputImage | InputFile>;
}

export interface ReasoningItem {
  type: "reasoning";
  id: string;
  summary: Array<{ type: "summary_text"; text: string }>;
  content?: Array<{ type: "reasoning_text"; text: string }>;
  encrypted_content?: string | null;
  status?: "in_progress" | "completed" | "incomplete";
}

/** Codex's newest models declare tools in the input instead of the top-level `tools`. */
export interface AdditionalToolsItem {
  type: "additional_tools";
  role: "developer";
  tools: Tool[];
  id?: string | null;
}

export type InputItem =
  | MessageItem
  | FunctionCallItem
  | FunctionCallOutputItem
  | CustomToolCallItem
  | CustomToolCallOutputItem
  | ReasoningItem
  | AdditionalToolsItem
  /** Hosted-tool calls, `tool_search_call`, `configuration_update`, `item_reference`, … */
  | (JsonObject & { type: string });

export interface FunctionToolDefinition {
  type: "function";
  name: string;
  description?: string | null;
  parameters?: JsonObject | null;
  strict?: boolean | null;
}

export interface CustomToolDefinition {
  type: "custom";
  name: string;
  description?: string;
  format?: { type: "text" } | { type: "grammar"; syntax: "lark" | "regex" | string; definition: string };
}

export interface NamespaceToolDefinition {
  type: "namespace";
  name: string;
  description?: string;
  tools: Array<FunctionToolDefinition | CustomToolDefinition>;
}

/** `web_search`, `file_search`, `tool_search`, `code_interpreter`, … kept verbatim. */
export type HostedToolDefinition = JsonObject & { type: string };

export type Tool = FunctionToolDefinition | CustomToolDefinition | NamespaceToolDefinition | HostedToolDefinition;

export type ToolChoice =
  "auto" | "none" | "required" | { type: "function"; name: string } | { type: "custom"; name: string } | JsonObject;

export type TextFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: JsonObject; description?: string; strict?: boolean | null };

export interface ResponsesRequest {
  model: string;
  input?: string | InputItem[];
  instructions?: string | null;
  tools?: Tool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean | null;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: TextFormat | null; verbosity?: string | null } | null;
  stream?: boolean | null;
  store?: boolean | null;
  include?: string[] | null;
  prompt_cache_key?: string;
  client_metadata?: Record<string, string>;
  previous_response_id?: string | null;
  metadata?: Record<string, string> | null;
  user?: string;
  safety_identifier?: string;
  [field: string]: unknown;
}

export type OutputItem =
  MessageItem | FunctionCallItem | CustomToolCallItem | ReasoningItem | (JsonObject & { type: string });

export interface Usage {
  input_tokens: number;
  input_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
  output_tokens: number;
  output_tokens_details?: { reasoning_tokens?: number };
  total_tokens: number;
}

export type ResponseStatus = "completed" | "failed" | "in_progress" | "cancelled" | "queued" | "incomplete";

export interface ResponseObject {
  id: string;
  object: "response";
  created_at: number;
  status?: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason?: "max_output_tokens" | "content_filter" } | null;
  model: string;
  output: OutputItem[];
  usage?: Usage;
  [field: string]: unknown;
}

/** Every streamed event carries its `type` and a `sequence_number`; the rest depends on the type. */
export interface StreamEvent {
  type: string;
  sequence_number?: number;
  [field: string]: unknown;
}
