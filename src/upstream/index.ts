export { sendUpstream, type SendUpstreamOptions } from "./send-upstream.js";
import type { sendUpstream } from "./send-upstream.js";
/** The outbound call's contract, for providers that accept a stand-in in tests. */
export type SendFunction = typeof sendUpstream;
export {
  classifyUpstreamError,
  describeUpstreamError,
  defaultUpstreamErrorRules,
  type UpstreamErrorAnswer,
  type UpstreamErrorFacts,
  type UpstreamErrorRule,
} from "./classify-upstream-error.js";
export { classifyTransportError } from "./classify-transport-error.js";
export { joinUrl } from "./join-url.js";
export { readBoundedText } from "./read-bounded-text.js";
export { readJsonBody } from "./read-json-body.js";
export { parseRetryAfter } from "./parse-retry-after.js";
export { parseUpstreamErrorBody, type ParsedErrorBody } from "./parse-upstream-error-body.js";
export { redactSecrets } from "./redact-secrets.js";
export { closeUpstreamAgents, getUpstreamPool } from "./upstream-agent.js";
export { releaseBody } from "./release-body.js";
