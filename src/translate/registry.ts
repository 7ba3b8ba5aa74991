import type { WireApi } from "../protocols/wire-api.js";
import type { Translator } from "./translator.js";
import { translator as anthropicMessages } from "./anthropic-messages/index.js";
import { translator as openaiChat } from "./openai-chat/index.js";
import { translator as openaiResponses } from "./openai-responses/index.js";

export const translators: Record<WireApi, Translator> = {
  "anthropic-messages": anthropicMessages,
  "openai-chat": openaiChat,
  "openai-responses": openaiResponses,
};
