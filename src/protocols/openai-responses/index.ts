import type { Protocol } from "../protocol.js";
import { parseErrorBody, renderError, renderStreamError } from "./errors.js";
import { parseRequestBody } from "./schemas.js";
import type { ResponsesRequest } from "./types.js";

export type * from "./types.js";
export { renderStreamErrorEvents, errorShapeFor, type StreamErrorOptions } from "./errors.js";

export const protocol: Protocol<ResponsesRequest> = {
  api: "openai-responses",
  parseRequest: parseRequestBody,
  requestModel: (request) => request.model,
  requestStream: (request) => request.stream === true,
  renderError,
  renderStreamError,
  parseErrorBody,
};
