import type { GatewayError } from "../../errors/gateway-error.js";
import { protocols } from "../../protocols/registry.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { GatewayReply } from "../gateway-types.js";

/** A failure in the shape of the API the client called. */
export function errorReply(
  clientApi: WireApi,
  error: GatewayError,
  extraHeaders: Record<string, string> = {},
): GatewayReply {
  const rendered = protocols[clientApi].renderError(error);
  return {
    status: rendered.status,
    headers: { ...error.headers, ...rendered.headers, ...extraHeaders },
    body: { kind: "json", value: rendered.body },
    error,
  };
}
