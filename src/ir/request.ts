import type { TextPart } from "./content-part.js";
import type { Extensions } from "./extensions.js";
import type { Message } from "./message.js";
import type { Tool, ToolChoice } from "./tool.js";

export type ReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";

export interface ReasoningConfig {
  /** False when the client turned thinking off explicitly. */
  enabled?: boolean;
  /** Anthropic `thinking.type: "adaptive"`: the model decides how much to think. */
  adaptive?: boolean;
  effort?: ReasoningEffort;
  budgetTokens?: number;
  /** Responses `reasoning.summary` (`auto`, `concise`, `detailed`). */
  summary?: string;
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name?: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

export interface Request {
  /** The model name as the client sent it. */
  model: string;
  /** Leading instructions (Anthropic `system`, Responses `instructions`, leading Chat system messages). */
  system: TextPart[];
  messages: Message[];
  tools: Tool[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  reasoning?: ReasoningConfig;
  responseFormat?: ResponseFormat;
  /** Responses/Chat `text.verbosity` / `verbosity`. */
  verbosity?: string;
  stream: boolean;
  /** Chat `stream_options.include_usage`; other protocols always report usage. */
  includeUsage?: boolean;
  /** End-user id for abuse tracking (Anthropic `metadata.user_id`, OpenAI `user`/`safety_identifier`). */
  user?: string;
  /**
   * OpenAI's `prompt_cache_key` (Chat and Responses): groups requests that share a prefix onto the
   * same cache. Carried between OpenAI APIs; Anthropic has no such field (its breakpoints do the work).
   */
  promptCacheKey?: string;
  extensions?: Extensions;
}
