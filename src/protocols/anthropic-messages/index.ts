import type { Protocol } from "../protocol.js";
import { parseErrorBody, renderError, renderStreamError } from "./errors.js";
import { parseMessageCreateParams } from "./schemas.js";
import type { MessageCreateParams } from "./types.js";

export type * from "./types.js";
export { codeForErrorType, errorTypeForCode } from "./errors.js";
export { streamEventNames, type StreamEventName } from "./sse.js";

export const protocol: Protocol = {
  api: "anthropic-messages",
  parseRequest: (body) => parseMessageCreateParams(body),
  requestModel: (request) => (request as MessageCreateParams).model,
  requestStream: (request) => (request as MessageCreateParams).stream === true,
  renderError,
  renderStreamError,
  parseErrorBody,
};
