import type { AssistantContentPart, TextPart, ToolResultPart, UserContentPart } from "./content-part.js";
import type { Extensions } from "./extensions.js";

/**
 * A system or developer instruction inside the conversation (Claude Code's mid-conversation
 * `system` messages, Chat's and Responses' `developer`/`system` roles after the first turn).
 */
export interface SystemMessage {
  role: "system";
  content: TextPart[];
  /** True when the client used the `developer` role. */
  developer?: boolean;
  extensions?: Extensions;
}

export interface UserMessage {
  role: "user";
  content: UserContentPart[];
  extensions?: Extensions;
}

export interface AssistantMessage {
  role: "assistant";
  content: AssistantContentPart[];
  extensions?: Extensions;
}

/** Results of earlier tool calls. Anthropic carries them in a user turn; encoders merge as their wire needs. */
export interface ToolMessage {
  role: "tool";
  content: ToolResultPart[];
  extensions?: Extensions;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
