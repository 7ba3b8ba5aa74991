import { GatewayError, toGatewayError } from "../../errors/gateway-error.js";
import type { FinishReason } from "../../ir/finish-reason.js";
import type { StreamPart } from "../../ir/stream-part.js";
import type { Usage } from "../../ir/usage.js";
import type { Warning } from "../../ir/warning.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { ReplyBody } from "../gateway-types.js";

/** How an answer ended, for the usage record. */
export interface Outcome {
  usage?: Usage;
  finishReason?: FinishReason;
  error?: GatewayError;
}

/** Notes what a stream part says about how the answer ended: usage and reason, or an error. */
export function noteOutcome(part: StreamPart, outcome: Outcome): void {
  if (part.type === "finish") {
    outcome.usage = part.usage;
    outcome.finishReason = part.reason;
  } else if (part.type === "error") {
    outcome.error = part.error;
  }
}

/**
 * What a stream that broke off ended with: the client's leaving when the request's signal is
 * aborted (nothing more is written then), else the failure itself.
 */
export function streamFailure(thrown: unknown, signal: AbortSignal): GatewayError {
  return signal.aborted
    ? new GatewayError("client_closed", "The client closed the connection.")
    : toGatewayError(thrown);
}

/** An upstream's answer, ready to write; `completion` settles when the last byte has gone. */
export interface Served {
  status: number;
  /** This answer's own object: the gateway adds its headers to it in place. */
  headers: Record<string, string>;
  body: ReplyBody;
  upstreamApi: WireApi;
  passthrough: boolean;
  warnings: Warning[];
  completion: Promise<Outcome>;
}
