import { describe, expect, it } from "vitest";
import { classifyUpstreamError, type UpstreamErrorAnswer } from "./classify-upstream-error.js";

function answer(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamErrorAnswer {
  return {
    provider: "acme",
    status,
    headers,
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    secrets: ["sk-live-configured-key"],
  };
}

const openAiError = (message: string, code: string | null, type = "invalid_request_error") => ({
  error: { message, type, param: null, code },
});
const anthropicError = (type: string, message: string) => ({ type: "error", error: { type, message } });

describe("classifyUpstreamError", () => {
  it.each([
    [
      "OpenAI 429",
      answer(429, openAiError("Rate limit reached for gpt-4o", "rate_limit_exceeded", "requests")),
      "rate_limited",
    ],
    [
      "Anthropic 429",
      answer(429, anthropicError("rate_limit_error", "Number of request tokens has exceeded")),
      "rate_limited",
    ],
    [
      "OpenAI insufficient_quota",
      answer(429, openAiError("You exceeded your current quota", "insufficient_quota", "insufficient_quota")),
      "quota_exceeded",
    ],
    [
      "premium requests used up",
      answer(403, { error: { message: "You have no premium requests left this month" } }),
      "quota_exceeded",
    ],
    [
      "OpenAI rate limit naming the billing page",
      answer(
        429,
        openAiError(
          "Rate limit reached for gpt-4o on tokens per min (TPM). You can increase your rate limit by adding a payment method to your account at https://platform.openai.com/account/billing.",
          "rate_limit_exceeded",
          "tokens",
        ),
      ),
      "rate_limited",
    ],
    [
      "Anthropic credit balance",
      answer(
        400,
        anthropicError("invalid_request_error", "Your credit balance is too low to access the Anthropic API."),
      ),
      "quota_exceeded",
    ],
    ["HTTP 529", answer(529, anthropicError("overloaded_error", "Overloaded")), "upstream_overloaded"],
    ["overloaded_error on a 500", answer(500, anthropicError("overloaded_error", "Overloaded")), "upstream_overloaded"],
    ["HTTP 500", answer(500, anthropicError("api_error", "Internal server error")), "upstream_error"],
    ["HTTP 502", answer(502, "<html>Bad gateway</html>"), "upstream_error"],
    ["HTTP 503", answer(503, "Service Unavailable"), "upstream_unavailable"],
    ["HTTP 504", answer(504, ""), "upstream_timeout"],
    ["HTTP 408", answer(408, ""), "upstream_timeout"],
    [
      "OpenAI context length",
      answer(400, openAiError("This model's maximum context length is 128000 tokens.", "context_length_exceeded")),
      "context_length_exceeded",
    ],
    [
      "Anthropic prompt too long",
      answer(400, anthropicError("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum")),
      "context_length_exceeded",
    ],
    [
      "vLLM context length",
      answer(400, {
        object: "error",
        message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens",
        type: "BadRequestError",
        code: 400,
      }),
      "context_length_exceeded",
    ],
    [
      "llama.cpp context size",
      answer(400, {
        error: {
          code: 400,
          message: "the request exceeds the available context size, try increasing it",
          type: "exceed_context_size_error",
        },
      }),
      "context_length_exceeded",
    ],
    [
      "OpenAI content policy",
      answer(
        400,
        openAiError("Your request was rejected as a result of our safety system.", "content_policy_violation"),
      ),
      "content_policy",
    ],
    [
      "401",
      answer(401, openAiError("Incorrect API key provided: sk-live-co*****key.", "invalid_api_key")),
      "upstream_authentication",
    ],
    [
      "403",
      answer(
        403,
        anthropicError("permission_error", "Your API key does not have permission to use the specified resource."),
      ),
      "upstream_authentication",
    ],
    ["404 model", answer(404, anthropicError("not_found_error", "model: claude-nope")), "model_not_found"],
    [
      "OpenAI 404 model",
      answer(404, openAiError("The model `gpt-9` does not exist or you do not have access to it.", "model_not_found")),
      "model_not_found",
    ],
    [
      "413",
      answer(413, anthropicError("request_too_large", "Request exceeds the maximum allowed number of bytes.")),
      "request_too_large",
    ],
    [
      "other 400",
      answer(400, anthropicError("invalid_request_error", "max_tokens: Field required")),
      "invalid_request",
    ],
    ["422", answer(422, { detail: "temperature must be at most 2" }), "invalid_request"],
  ])("%s", (_name, input, code) => {
    expect(classifyUpstreamError(input).code).toBe(code);
  });

  it("passes the upstream's message on for invalid requests", () => {
    const error = classifyUpstreamError(
      answer(400, anthropicError("invalid_request_error", "max_tokens: Field required")),
    );
    expect(error.message).toBe("acme: max_tokens: Field required");
    expect(error.status).toBe(400);
    expect(error.upstream).toMatchObject({ provider: "acme", status: 400, type: "invalid_request_error" });
  });

  it("passes 5xx statuses on", () => {
    expect(classifyUpstreamError(answer(502, "")).status).toBe(502);
    expect(classifyUpstreamError(answer(503, "")).status).toBe(503);
  });

  it("blames the gateway's credential on upstream 401, names the provider, and hides the key", () => {
    const error = classifyUpstreamError(
      answer(401, openAiError("Incorrect API key provided: sk-live-configured-key.", "invalid_api_key")),
    );
    expect(error.status).toBe(502);
    expect(error.message).toContain('provider "acme"');
    expect(error.message).toContain("API key");
    expect(error.message).not.toContain("sk-live-configured-key");
    expect(error.upstream?.bodyExcerpt).not.toContain("sk-live-configured-key");
  });

  it("hides a token that the excerpt's 500-character cut would split", () => {
    // A Copilot token has no well-known shape: only the exact secret given protects it.
    const token = "tid=0123456789abcdef;exp=1790000000;sku=copilot_pro";
    const bodyText = `${"x".repeat(490)} ${token}`;
    const error = classifyUpstreamError({ provider: "copilot", status: 400, headers: {}, bodyText, secrets: [token] });
    expect(error.upstream?.bodyExcerpt).not.toContain("tid=01234");
  });

  it("parses retry-after seconds, retry-after-ms and HTTP dates", () => {
    expect(classifyUpstreamError(answer(429, "", { "retry-after": "7" })).upstream?.retryAfter).toBe(7);
    const both = classifyUpstreamError(answer(429, "", { "retry-after": "7", "retry-after-ms": "250" }));
    expect(both.upstream?.retryAfter).toBe(0.25);
    expect(both.headers["retry-after"]).toBe("1");
    const date = new Date(Date.now() + 30_000).toUTCString();
    const fromDate = classifyUpstreamError(answer(429, "", { "retry-after": date })).upstream?.retryAfter ?? 0;
    expect(fromDate).toBeGreaterThan(25);
    expect(fromDate).toBeLessThanOrEqual(30);
    expect(classifyUpstreamError(answer(429, "", { "retry-after": "soon" })).upstream?.retryAfter).toBeUndefined();
  });

  it("passes retry-after on for overload and unavailability too", () => {
    const error = classifyUpstreamError(
      answer(529, anthropicError("overloaded_error", "Overloaded"), { "retry-after": "3" }),
    );
    expect(error.headers["retry-after"]).toBe("3");
    expect(error.retryable).toBe(true);
  });

  it("tells a wrong base URL apart from a missing model", () => {
    const error = classifyUpstreamError(answer(404, "Cannot POST /v2/chat"));
    expect(error.code).toBe("upstream_error");
    expect(error.message).toContain("base_url");
  });
});
