import { GatewayError } from "../../errors/gateway-error.js";

/**
 * A 2xx answer that must not be handed on or decoded as it is, because the client's SDK could not read
 * it: an empty or HTML body for a whole answer (a captive portal, a proxy's page), a JSON or HTML
 * body where an event stream was asked for (an upstream that ignored `stream: true`). Deliberately
 * narrow: an answer merely labelled oddly (JSON as text/plain) still passes, as it always did.
 * Undefined when the answer may pass.
 */
export function answerShapeRefusal(options: {
  provider: string;
  status: number;
  contentType: string | undefined;
  stream: boolean;
  /** The whole body's length; for a stream, undefined. */
  length?: number;
}): GatewayError | undefined {
  const { provider, status, stream } = options;
  if (status < 200 || status >= 300) return undefined;
  const type = options.contentType?.toLowerCase() ?? "";
  let what: string | undefined;
  if (stream) {
    if (type.includes("json") || type.includes("html")) what = `${type.split(";")[0]}, not an event stream`;
  } else if (options.length === 0) what = "an empty body, not JSON";
  else if (type.includes("html") || type.includes("event-stream")) what = `${type.split(";")[0]}, not JSON`;
  if (what === undefined) return undefined;
  return new GatewayError("upstream_error", `The upstream ${provider} answered ${status} with ${what}.`, {
    upstream: { provider, status },
  });
}
