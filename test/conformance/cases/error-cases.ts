import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { expect } from "vitest";
import type { CaseContext, ConformanceCase } from "../support/case-context.js";
import type { NeutralTurn, StreamOutcome } from "../support/neutral-turn.js";

/** Failures as the client's SDK reports them: typed errors, headers, in-stream error events. */
export const errorCases: ConformanceCase[] = [
  {
    name: "upstream 429 with retry-after reaches the client as RateLimitError",
    async run(context) {
      context.script(() => ({
        httpError: { status: 429, headers: { "retry-after": "7" }, message: "Slow down, marker RL-19." },
      }));
      const error = await context.driver
        .ask({ model: context.model, stream: context.stream, messages: [{ role: "user", text: "Hi" }] })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      const expected = context.clientApi === "anthropic-messages" ? Anthropic.RateLimitError : OpenAI.RateLimitError;
      expect(error).toBeInstanceOf(expected);
      const rateLimit = error as InstanceType<typeof expected>;
      expect(rateLimit.status).toBe(429);
      expect(rateLimit.headers?.get("retry-after")).toBe("7");
    },
  },
  {
    name: "upstream error mid-stream becomes the client protocol's in-stream error",
    only: "stream",
    async run(context) {
      context.script(() => ({
        text: "Partial answer, then trouble",
        streamError: { message: "Overloaded, marker MS-55." },
      }));
      expectInStreamError(context, await context.driver.streamEvents(streamTurn(context.model)));
    },
  },
  {
    name: "upstream stalling mid-stream ends in the client protocol's in-stream error",
    only: "stream",
    async run(context) {
      context.script(() => ({ text: "Partial answer, then silence", stall: true }));
      expectInStreamError(context, await context.driver.streamEvents(streamTurn(context.model)));
    },
  },
];

function streamTurn(model: string): NeutralTurn {
  return { model, stream: true, messages: [{ role: "user", text: "Hi" }] };
}

function expectInStreamError(context: CaseContext, outcome: StreamOutcome): void {
  const seen = JSON.stringify(outcome.eventTypes);
  if (context.clientApi === "openai-responses") {
    // The SDK yields Responses' error events instead of throwing; a completed response would be a lie.
    const reported = outcome.eventTypes.some((type) => type === "error" || type === "response.failed");
    expect(reported || outcome.error !== undefined, seen).toBe(true);
    expect(outcome.eventTypes).not.toContain("response.completed");
  } else {
    const expected = context.clientApi === "anthropic-messages" ? Anthropic.APIError : OpenAI.APIError;
    expect(outcome.error, seen).toBeInstanceOf(expected);
    expect(outcome.eventTypes).not.toContain("message_stop");
  }
  // Part of the answer reached the client before the failure: the stream had started.
  expect(outcome.eventTypes.length, seen).toBeGreaterThan(0);
}
