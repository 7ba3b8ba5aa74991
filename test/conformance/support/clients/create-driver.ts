import type { WireApi } from "../../../../src/protocols/wire-api.js";
import type { ClientDriver } from "../neutral-turn.js";
import { createAnthropicDriver } from "./anthropic-messages.js";
import { createChatDriver } from "./openai-chat.js";
import { createResponsesDriver } from "./openai-responses.js";

/** The official SDK client for a client API, pointed at the gateway. */
export function createDriver(api: WireApi, options: { baseUrl: string; apiKey: string }): ClientDriver {
  if (api === "anthropic-messages") return createAnthropicDriver(options);
  if (api === "openai-chat") return createChatDriver(options);
  return createResponsesDriver(options);
}
