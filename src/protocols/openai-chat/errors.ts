import type { GatewayError } from "../../errors/gateway-error.js";
import { formatSse } from "../../lib/sse.js";
import { openAiErrorBody, parseOpenAiErrorBody, renderOpenAiError } from "../openai-errors.js";
import type { ChatErrorBody } from "./types.js";

export function errorBody(error: GatewayError): ChatErrorBody {
  return openAiErrorBody(error);
}

export const renderError = renderOpenAiError;
export const parseErrorBody = parseOpenAiErrorBody;

/** OpenAI ends a failing stream with a bare `data: {"error":{…}}` event (no `event:` line). */
export function renderStreamError(error: GatewayError): string {
  return formatSse(undefined, JSON.stringify(errorBody(error)));
}
