import { expect } from "vitest";
import type { ConformanceCase } from "../support/case-context.js";
import { redPixelPng } from "../support/fixtures.js";

/** Plain answers: text, system prompt, image input, reasoning, usage, stop reasons. */
export const answerCases: ConformanceCase[] = [
  {
    name: "plain text answer",
    async run(context) {
      context.script(() => ({ text: "Hello from the upstream." }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: context.stream,
        messages: [{ role: "user", text: "Say hello." }],
      });
      expect(answer.text).toBe("Hello from the upstream.");
      expect(answer.stop).toBe("end");
      expect(answer.toolCalls).toEqual([]);
      expect(context.upstreamViews()[0]?.userTexts.join(" ")).toContain("Say hello.");
    },
  },
  {
    name: "system prompt reaches the upstream",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      await context.driver.ask({
        model: context.model,
        stream: context.stream,
        system: "You are terse. Marker SYS-7731.",
        messages: [{ role: "user", text: "Hi" }],
      });
      const view = context.upstreamViews()[0];
      expect(view?.systemTexts.join("\n")).toContain("Marker SYS-7731.");
      expect(view?.userTexts.join("\n")).not.toContain("SYS-7731");
    },
  },
  {
    name: "image input (base64) reaches the upstream",
    async run(context) {
      context.script(() => ({ text: "A red pixel." }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: context.stream,
        messages: [{ role: "user", text: "What is this?", image: { mediaType: "image/png", base64: redPixelPng } }],
      });
      expect(answer.text).toBe("A red pixel.");
      expect(context.upstreamViews()[0]?.images).toEqual([{ mediaType: "image/png", base64: redPixelPng }]);
    },
  },
  {
    name: "reasoning reaches the client",
    async run(context) {
      context.script(() => ({ reasoning: "The user wants a number; 6 times 7.", text: "42" }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: context.stream,
        reasoning: true,
        messages: [{ role: "user", text: "What is 6 times 7?" }],
      });
      expect(answer.text).toBe("42");
      expect(answer.reasoning).toContain("6 times 7");
      expect(context.upstreamViews()[0]?.reasoningRequested).toBe(true);
    },
  },
  {
    name: "usage numbers (input, output, cached)",
    async run(context) {
      context.script(() => ({ text: "counted", usage: { inputTotal: 1200, output: 34, cached: 1000 } }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: context.stream,
        messages: [{ role: "user", text: "Count." }],
      });
      expect(answer.usage).toMatchObject({ inputTotal: 1200, output: 34, cached: 1000 });
    },
  },
  {
    name: "stop reason: length",
    async run(context) {
      context.script(() => ({ text: "This answer was cut", truncated: true }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: context.stream,
        maxTokens: 5,
        messages: [{ role: "user", text: "Write a long essay." }],
      });
      expect(answer.stop).toBe("length");
      expect(answer.text).toBe("This answer was cut");
    },
  },
];
