import type { Protocol } from "./protocol.js";
import type { WireApi } from "./wire-api.js";
import { protocol as anthropicMessages } from "./anthropic-messages/index.js";
import { protocol as openaiChat } from "./openai-chat/index.js";
import { protocol as openaiResponses } from "./openai-responses/index.js";

export const protocols: Record<WireApi, Protocol> = {
  "anthropic-messages": anthropicMessages,
  "openai-chat": openaiChat,
  "openai-responses": openaiResponses,
};
