import type { FakeReply } from "./types.js";
import { anthropicErrorBody, openAiErrorBody } from "./vendor-errors.js";

/**
 * Failures as each vendor documents them, ready to return from a script. Bodies follow the
 * vendors' error shapes: OpenAI `{error: {message, type, param, code}}`, Anthropic
 * `{type: "error", error: {type, message}}`.
 */
export const faults = {
  /** 429 with `retry-after` (seconds), OpenAI's rate-limit shape. */
  rateLimited(retryAfterSeconds?: number): FakeReply {
    return {
      error: {
        status: 429,
        body: openAiErrorBody(429, "Rate limit reached for requests. Please try again later.", "rate_limit_exceeded"),
        ...(retryAfterSeconds === undefined ? {} : { headers: { "retry-after": String(retryAfterSeconds) } }),
      },
    };
  },
  /** OpenAI's quota exhaustion: a 429 with `insufficient_quota` (retrying does not help). */
  insufficientQuota(): FakeReply {
    return {
      error: {
        status: 429,
        body: {
          error: {
            message:
              "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
            type: "insufficient_quota",
            param: null,
            code: "insufficient_quota",
          },
        },
      },
    };
  },
  /** GitHub Copilot's premium-request quota text, in an OpenAI-shaped 429. */
  copilotQuota(): FakeReply {
    return {
      error: {
        status: 429,
        body: openAiErrorBody(
          429,
          "You have exceeded your premium request allowance. Please upgrade your plan or wait for your allowance to reset.",
          "quota_exceeded",
        ),
      },
    };
  },
  serverError(): FakeReply {
    return {
      error: { status: 500, body: openAiErrorBody(500, "The server had an error while processing your request.") },
    };
  },
  /** Anthropic's 529 `overloaded_error`. */
  overloaded(): FakeReply {
    return { error: { status: 529, body: anthropicErrorBody(529, "Overloaded") } };
  },
  /** OpenAI's context-window refusal: 400, `code: "context_length_exceeded"`. */
  openAiContextLength(): FakeReply {
    return {
      error: {
        status: 400,
        body: {
          error: {
            message:
              "This model's maximum context length is 8192 tokens. However, your messages resulted in 9731 tokens. Please reduce the length of the messages.",
            type: "invalid_request_error",
            param: "messages",
            code: "context_length_exceeded",
          },
        },
      },
    };
  },
  /** Anthropic's context-window refusal: 400 `invalid_request_error`, "prompt is too long". */
  anthropicContextLength(): FakeReply {
    return {
      error: { status: 400, body: anthropicErrorBody(400, "prompt is too long: 215000 tokens > 200000 maximum") },
    };
  },
  /** OpenAI's content filter refusal. */
  contentPolicy(): FakeReply {
    return {
      error: {
        status: 400,
        body: {
          error: {
            message:
              "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.",
            type: "invalid_request_error",
            param: null,
            code: "content_policy_violation",
          },
        },
      },
    };
  },
  /** Anthropic accepting a stream with 200, then refusing it in the first event. */
  overloadedInStream(): FakeReply {
    const body = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    return { rawStream: [`event: error\ndata: ${JSON.stringify(body)}\n\n`] };
  },
  reset(): FakeReply {
    return { fault: "reset" };
  },
  hangBeforeHeaders(): FakeReply {
    return { fault: "hang-before-headers" };
  },
  hangBeforeFirstChunk(): FakeReply {
    return { fault: "hang-before-first-chunk" };
  },
  hangMidStream(): FakeReply {
    return { fault: "hang-mid-stream" };
  },
};
