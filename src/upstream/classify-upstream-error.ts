import { GatewayError, type UpstreamFailure } from "../errors/index.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { parseUpstreamErrorBody, type ParsedErrorBody } from "./parse-upstream-error-body.js";
import { redactSecrets } from "./redact-secrets.js";

/** A non-2xx answer from an upstream, its body already read (bounded). */
export interface UpstreamErrorAnswer {
  provider: string;
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  /** Exact secrets to strip from anything passed on (the provider's key or token). */
  secrets?: readonly string[];
}

/** The answer with everything a rule needs already worked out. */
export interface UpstreamErrorFacts {
  provider: string;
  status: number;
  headers: Record<string, string>;
  parsed: ParsedErrorBody;
  /** The upstream's message, secrets removed; empty when it sent none. */
  message: string;
  retryAfter: number | undefined;
  /** Ready to hand to `GatewayError` as `upstream`. */
  upstream: UpstreamFailure;
}

/**
 * One classification step: returns an error when it recognises the answer, else undefined.
 * Providers with their own failure shapes (Copilot, Duo) pass extra rules, tried before these.
 */
export type UpstreamErrorRule = (facts: UpstreamErrorFacts) => GatewayError | undefined;

const bodyExcerptLength = 500;

function matches(facts: UpstreamErrorFacts, pattern: RegExp, codes: readonly string[] = []): boolean {
  const { code, type } = facts.parsed;
  if (code !== undefined && codes.includes(code)) return true;
  if (type !== undefined && codes.includes(type)) return true;
  return pattern.test(facts.message);
}

function withMessage(facts: UpstreamErrorFacts, fallback: string): string {
  return facts.message === "" ? fallback : `${facts.provider}: ${facts.message}`;
}

// Not "billing" alone: OpenAI's ordinary rate-limit messages link to the billing page.
const quotaPattern = /quota|premium request|credit balance is too low|out of credits|spending limit/i;
const contextLengthPattern =
  /prompt is too long|context length|context window|context size|maximum context|too many tokens|input is too long|exceeds the model's (?:maximum|limit)|reduce the length of the (?:messages|input)/i;
const contentPolicyPattern = /content (?:management )?policy|content filter|safety system|flagged as potentially/i;

const quotaRule: UpstreamErrorRule = (facts) => {
  // Anthropic reports an empty credit balance as a 400.
  if (![400, 402, 403, 429].includes(facts.status)) return undefined;
  if (!matches(facts, quotaPattern, ["insufficient_quota", "quota_exceeded", "billing_error"])) return undefined;
  return new GatewayError("quota_exceeded", withMessage(facts, `${facts.provider}: the account's quota is used up.`), {
    upstream: facts.upstream,
  });
};

const rateLimitRule: UpstreamErrorRule = (facts) => {
  if (facts.status !== 429 && facts.parsed.type !== "rate_limit_error") return undefined;
  return new GatewayError("rate_limited", withMessage(facts, `${facts.provider} is rate limiting requests.`), {
    upstream: facts.upstream,
  });
};

const overloadRule: UpstreamErrorRule = (facts) => {
  if (facts.status !== 529 && facts.parsed.type !== "overloaded_error") return undefined;
  return new GatewayError("upstream_overloaded", withMessage(facts, `${facts.provider} is overloaded.`), {
    upstream: facts.upstream,
  });
};

const timeoutRule: UpstreamErrorRule = (facts) => {
  if (facts.status !== 408 && facts.status !== 504) return undefined;
  return new GatewayError("upstream_timeout", withMessage(facts, `${facts.provider} timed out.`), {
    status: facts.status,
    upstream: facts.upstream,
  });
};

const serverErrorRule: UpstreamErrorRule = (facts) => {
  if (facts.status < 500) return undefined;
  const code = facts.status === 503 ? "upstream_unavailable" : "upstream_error";
  const fallback = `${facts.provider} answered with HTTP ${facts.status}.`;
  return new GatewayError(code, withMessage(facts, fallback), { status: facts.status, upstream: facts.upstream });
};

const contextLengthRule: UpstreamErrorRule = (facts) => {
  if (facts.status < 400 || facts.status >= 500) return undefined;
  if (!matches(facts, contextLengthPattern, ["context_length_exceeded", "string_above_max_length"])) return undefined;
  return new GatewayError("context_length_exceeded", withMessage(facts, "The prompt is too long for this model."), {
    upstream: facts.upstream,
  });
};

const contentPolicyRule: UpstreamErrorRule = (facts) => {
  if (facts.status < 400 || facts.status >= 500) return undefined;
  if (!matches(facts, contentPolicyPattern, ["content_policy_violation", "content_filter"])) return undefined;
  return new GatewayError("content_policy", withMessage(facts, "The upstream refused the content."), {
    upstream: facts.upstream,
  });
};

const upstreamAuthenticationRule: UpstreamErrorRule = (facts) => {
  if (facts.status !== 401 && facts.status !== 403) return undefined;
  const what = facts.status === 401 ? "rejected the gateway's credentials" : "refused the gateway's credentials access";
  const detail = facts.message === "" ? "" : ` (${facts.message})`;
  return new GatewayError(
    "upstream_authentication",
    `The ${facts.provider} provider ${what} with HTTP ${facts.status}${detail}. ` +
      `Check the API key or login configured for provider "${facts.provider}" and its access to this model.`,
    { upstream: facts.upstream },
  );
};

const notFoundRule: UpstreamErrorRule = (facts) => {
  if (facts.status !== 404) return undefined;
  const namesModel = /model/i.test(facts.message) || facts.parsed.code === "model_not_found";
  if (namesModel || facts.parsed.type === "not_found_error") {
    return new GatewayError("model_not_found", withMessage(facts, "The model was not found upstream."), {
      upstream: facts.upstream,
    });
  }
  // A 404 that names no model is usually a wrong base URL: the gateway's setup, not the client's request.
  return new GatewayError(
    "upstream_error",
    `${facts.provider} answered 404 Not Found; check the provider's base_url.` +
      (facts.message === "" ? "" : ` (${facts.message})`),
    { retryable: false, upstream: facts.upstream },
  );
};

const requestTooLargeRule: UpstreamErrorRule = (facts) => {
  if (facts.status !== 413) return undefined;
  return new GatewayError("request_too_large", withMessage(facts, "The request is too large for the upstream."), {
    upstream: facts.upstream,
  });
};

const invalidRequestRule: UpstreamErrorRule = (facts) => {
  if (facts.status < 400 || facts.status >= 500) return undefined;
  return new GatewayError(
    "invalid_request",
    withMessage(facts, `${facts.provider} rejected the request with HTTP ${facts.status}.`),
    { upstream: facts.upstream },
  );
};

/** The order matters: quota before rate limit, 413 and context length before generic 400s. */
export const defaultUpstreamErrorRules: readonly UpstreamErrorRule[] = [
  quotaRule,
  rateLimitRule,
  overloadRule,
  timeoutRule,
  serverErrorRule,
  requestTooLargeRule,
  contextLengthRule,
  contentPolicyRule,
  upstreamAuthenticationRule,
  notFoundRule,
  invalidRequestRule,
];

export function describeUpstreamError(answer: UpstreamErrorAnswer): UpstreamErrorFacts {
  const secrets = answer.secrets ?? [];
  const parsed = parseUpstreamErrorBody(answer.bodyText);
  const message = redactSecrets(parsed.message ?? "", secrets);
  const retryAfter = parseRetryAfter(answer.headers);
  const upstream: UpstreamFailure = {
    provider: answer.provider,
    status: answer.status,
    // Redacted before it is cut: a secret across the cut would otherwise keep its first part.
    bodyExcerpt: redactSecrets(answer.bodyText, secrets).slice(0, bodyExcerptLength),
  };
  if (retryAfter !== undefined) upstream.retryAfter = retryAfter;
  const type = parsed.code ?? parsed.type;
  if (type !== undefined) upstream.type = type;
  return {
    provider: answer.provider,
    status: answer.status,
    headers: answer.headers,
    parsed,
    message,
    retryAfter,
    upstream,
  };
}

/** Turns a non-2xx upstream answer into a `GatewayError`; `rules` run before the defaults. */
export function classifyUpstreamError(
  answer: UpstreamErrorAnswer,
  rules: readonly UpstreamErrorRule[] = [],
): GatewayError {
  const facts = describeUpstreamError(answer);
  for (const rule of [...rules, ...defaultUpstreamErrorRules]) {
    const error = rule(facts);
    if (error !== undefined) return error;
  }
  return new GatewayError("upstream_error", `${answer.provider} answered with unexpected HTTP ${answer.status}.`, {
    upstream: facts.upstream,
  });
}
