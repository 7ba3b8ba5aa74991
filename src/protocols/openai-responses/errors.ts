import type { ErrorCode } from "../../errors/codes.js";
import type { GatewayError } from "../../errors/gateway-error.js";
import { formatSse } from "../../lib/sse.js";
import { openAiErrorShape, parseOpenAiErrorBody, renderOpenAiError } from "../openai-errors.js";
import type { ResponseObject } from "./types.js";

export function errorShapeFor(code: ErrorCode): { type: string; code: string | null } {
  return openAiErrorShape(code);
}

export const renderError = renderOpenAiError;

export interface StreamErrorOptions {
  /** The sequence number of the `error` event; `response.failed` takes the next one. */
  sequenceNumber?: number;
  /** The response as it stood when the failure happened (id, model, output so far). */
  response?: Partial<ResponseObject>;
}

/**
 * The in-stream failure as api.openai.com sends it: an `error` event (the SDK's
 * `ResponseErrorEvent`), then `response.failed` carrying the response with `status: "failed"` and
 * `error`, so that clients waiting for a terminal `response.*` event (Codex, the SDK's
 * `finalResponse()`) end instead of reporting a cut stream.
 */
export function renderStreamErrorEvents(error: GatewayError, options: StreamErrorOptions = {}): string[] {
  const shape = openAiErrorShape(error.code);
  const sequenceNumber = options.sequenceNumber ?? 0;
  const errorEvent = {
    type: "error",
    code: shape.code,
    message: error.message,
    param: error.param ?? null,
    sequence_number: sequenceNumber,
  };
  const response: ResponseObject = {
    id: "resp_failed",
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: "",
    output: [],
    incomplete_details: null,
    ...options.response,
    status: "failed",
    error: { code: shape.code ?? "server_error", message: error.message },
  };
  const failedEvent = { type: "response.failed", response, sequence_number: sequenceNumber + 1 };
  return [formatSse("error", JSON.stringify(errorEvent)), formatSse("response.failed", JSON.stringify(failedEvent))];
}

export function renderStreamError(error: GatewayError): string {
  return renderStreamErrorEvents(error).join("");
}

export const parseErrorBody = parseOpenAiErrorBody;
