import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssistantContentPart } from "../ir/content-part.js";
import type { UnifiedFinishReason } from "../ir/finish-reason.js";
import type { Response } from "../ir/response.js";
import type { WireApi } from "../protocols/wire-api.js";
import { translators } from "./registry.js";

const apis: WireApi[] = ["openai-chat", "anthropic-messages", "openai-responses"];

const finishReasons: UnifiedFinishReason[] = [
  "stop",
  "length",
  "tool-calls",
  "content-filter",
  "pause",
  "refusal",
  "error",
  "other",
];

const contentPart: fc.Arbitrary<AssistantContentPart> = fc.oneof(
  fc.record({ type: fc.constant("text" as const), text: fc.string() }),
  fc.record({
    type: fc.constant("tool-call" as const),
    id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/),
    name: fc.stringMatching(/^[a-z_]{1,12}$/),
    input: fc.constant('{"path":"a.ts"}'),
    kind: fc.constant("function" as const),
  }),
);

const response: fc.Arbitrary<Response> = fc.record({
  id: fc.constant("resp_1"),
  model: fc.constant("m"),
  content: fc.array(contentPart, { maxLength: 4 }),
  finishReason: fc.record(
    { unified: fc.constantFrom(...finishReasons), stopSequence: fc.string({ minLength: 1, maxLength: 4 }) },
    { requiredKeys: ["unified"] },
  ),
  usage: fc.record(
    {
      inputTokens: fc.nat({ max: 200_000 }),
      outputTokens: fc.nat({ max: 64_000 }),
      cacheReadTokens: fc.nat({ max: 100_000 }),
      cacheWriteTokens: fc.nat({ max: 100_000 }),
      reasoningTokens: fc.nat({ max: 10_000 }),
    },
    { requiredKeys: ["inputTokens", "outputTokens"] },
  ),
});

/** What `decodeResponse` says of the outcome: the reference `decodeOutcome` must agree with. */
function outcomeOf(body: unknown, api: WireApi) {
  const decoded = translators[api].decodeResponse(body);
  return { usage: decoded.usage, finishReason: decoded.finishReason };
}

describe("decodeOutcome", () => {
  for (const api of apis) {
    it(`gives ${api}'s usage and finish reason exactly as decodeResponse does, for any answer its encoder writes`, () => {
      fc.assert(
        fc.property(response, (answer) => {
          const body = JSON.parse(JSON.stringify(translators[api].encodeResponse(answer, { model: "m" }))) as unknown;
          expect(translators[api].decodeOutcome(body)).toEqual(outcomeOf(body, api));
        }),
        { numRuns: 200 },
      );
    });
  }

  it("takes a tool call in any choice as the Chat finish, as Copilot splits a Claude turn across choices", () => {
    const body = {
      id: "c",
      object: "chat.completion",
      created: 1,
      model: "claude-sonnet-4.5",
      choices: [
        { index: 0, message: { role: "assistant", content: "Reading it." }, finish_reason: "stop" },
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "t", type: "function", function: { name: "read", arguments: "{}" } }],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 },
    };
    expect(translators["openai-chat"].decodeOutcome(body)).toEqual(outcomeOf(body, "openai-chat"));
    expect(translators["openai-chat"].decodeOutcome(body).finishReason.unified).toBe("tool-calls");
  });

  it("reads an incomplete Responses answer's reason", () => {
    const body = {
      id: "resp_1",
      object: "response",
      created_at: 1,
      model: "gpt-5.1-codex",
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Half", annotations: [] }] },
      ],
      usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
    };
    expect(translators["openai-responses"].decodeOutcome(body)).toEqual(outcomeOf(body, "openai-responses"));
    expect(translators["openai-responses"].decodeOutcome(body).finishReason.unified).toBe("length");
  });

  it("refuses what is not an answer of the API, as decodeResponse does", () => {
    for (const api of apis) {
      expect(() => translators[api].decodeOutcome({ error: { message: "no" } })).toThrow();
      expect(() => translators[api].decodeOutcome(null)).toThrow();
    }
  });
});
