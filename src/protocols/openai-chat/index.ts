import type { Protocol } from "../protocol.js";
import { parseErrorBody, renderError, renderStreamError } from "./errors.js";
import { parseChatRequest } from "./schemas.js";
import type { ChatRequest } from "./types.js";

export type * from "./types.js";
export { errorBody } from "./errors.js";

export const protocol: Protocol<ChatRequest> = {
  api: "openai-chat",
  parseRequest: parseChatRequest,
  requestModel: (request) => request.model,
  requestStream: (request) => request.stream === true,
  renderError,
  renderStreamError,
  parseErrorBody,
};
export { chatChunkSchema, chatResponseSchema, describeMismatch } from "./response-schemas.js";
