import type { GatewayError } from "../errors/gateway-error.js";
import type { WireApi } from "./wire-api.js";

/** An error answer ready to write. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What an upstream's error body says, read in that upstream's own protocol. */
export interface UpstreamErrorBody {
  message: string;
  /** `error.type` (Anthropic, OpenAI) or `error.code` when more specific, e.g. `rate_limit_error`, `context_length_exceeded`. */
  type?: string;
  code?: string;
  param?: string;
}

/**
 * Wire knowledge of one API, with no IR in sight: validation of requests we receive, the error
 * shape (as a response and mid-stream), and how to read an upstream's error body.
 * Each `protocols/<api>/index.ts` exports one of these as `protocol`.
 */
export interface Protocol<WireRequest = Record<string, unknown>> {
  api: WireApi;
  /**
   * Checks a parsed client request body. Returns it typed (the same object: no copying on the hot
   * path) or throws `GatewayError("invalid_request")` whose `param` names the offending field.
   */
  parseRequest(body: unknown): WireRequest;
  /** The model name, the stream flag of a validated request. */
  requestModel(request: WireRequest): string;
  requestStream(request: WireRequest): boolean;
  renderError(error: GatewayError): RenderedError;
  /** The error as this API's in-stream error event, SSE-framed (`event: error\ndata: …\n\n`). */
  renderStreamError(error: GatewayError): string;
  /** Reads an upstream error body of this protocol; undefined when it is not in this shape. */
  parseErrorBody(body: string): UpstreamErrorBody | undefined;
}
