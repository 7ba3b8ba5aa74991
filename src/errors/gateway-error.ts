import { errorCodes, type ErrorCode } from "./codes.js";

/** What we know about a failure that came from an upstream. */
export interface UpstreamFailure {
  provider: string;
  status?: number;
  /** Seconds, from the upstream's `retry-after` (or `retry-after-ms` / 1000). */
  retryAfter?: number;
  /** The upstream's own error type/code string, e.g. `overloaded_error`, `insufficient_quota`. */
  type?: string;
  /** The start of the upstream's error body, with secrets removed, for logs. */
  bodyExcerpt?: string;
}

export interface GatewayErrorOptions {
  /** The request field at fault, e.g. `messages[2].content[0].type`. */
  param?: string;
  /** Overrides the code's default HTTP status (an upstream 503 passed on as 503, say). */
  status?: number;
  retryable?: boolean;
  upstream?: UpstreamFailure;
  cause?: unknown;
  /** Extra response headers to send with the error (e.g. `retry-after`). */
  headers?: Record<string, string>;
}

/** The one error type of the gateway. Every failure becomes one before it is rendered. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly retryable: boolean;
  readonly upstream: UpstreamFailure | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GatewayError";
    this.code = code;
    this.status = options.status ?? errorCodes[code].status;
    this.param = options.param;
    this.retryable = options.retryable ?? errorCodes[code].retryable;
    this.upstream = options.upstream;
    this.headers = { ...options.headers };
    if (options.upstream?.retryAfter !== undefined && this.headers["retry-after"] === undefined) {
      this.headers["retry-after"] = String(Math.max(0, Math.ceil(options.upstream.retryAfter)));
    }
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** Wraps anything thrown into a `GatewayError` at a boundary. Never exposes internal messages of unknown errors. */
export function toGatewayError(value: unknown): GatewayError {
  if (value instanceof GatewayError) return value;
  if (value instanceof Error && value.name === "AbortError") {
    return new GatewayError("client_closed", "The request was cancelled.", { cause: value });
  }
  return new GatewayError("internal", "An internal error occurred in the gateway.", { cause: value });
}
