import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { expect } from "vitest";
import type { ConformanceCase } from "../support/case-context.js";

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
      context.script(() => ({ text: "Partial answer", streamError: { message: "Upstream fell over, marker MS-55." } }));
      const outcome = await context.driver.streamEvents({
        model: context.model,
        stream: true,
        messages: [{ role: "user", text: "Hi" }],
      });
      if (context.clientApi === "openai-responses") {
        // The SDK yields Responses' error events instead of throwing; a completed response would be a lie.
        expect(
          outcome.eventTypes.some((type) => type === "error" || type === "response.failed") ||
            outcome.error !== undefined,
        ).toBe(true);
        expect(outcome.eventTypes).not.toContain("response.completed");
      } else {
        const expected = context.clientApi === "anthropic-messages" ? Anthropic.APIError : OpenAI.APIError;
        expect(outcome.error).toBeInstanceOf(expected);
        expect(outcome.eventTypes.length).toBeGreaterThan(0);
      }
    },
  },
];
