import { expect } from "vitest";
import type { CaseContext, ConformanceCase } from "../support/case-context.js";
import { redPixelPng, weatherArguments, weatherTool } from "../support/fixtures.js";
import type { NeutralMessage, NeutralPart } from "../support/neutral-turn.js";
import { warnedFeatures } from "../support/warnings.js";

const imageUrl = "https://example.com/conformance/cat.png";

function ask(context: CaseContext, messages: NeutralMessage[]) {
  return context.driver.ask({ model: context.model, stream: context.stream, tools: [weatherTool], messages });
}

/** A finished tool call, so a case can send its result in whatever form it tests. */
function toolTurn(id: string): NeutralMessage[] {
  return [
    { role: "user", text: "Weather in São Paulo?" },
    { role: "assistant", toolCalls: [{ id, name: "get_weather", arguments: weatherArguments }] },
  ];
}

/** Message roles and content shapes beyond the basics, reaching the upstream in its own form. */
export const conversationCases: ConformanceCase[] = [
  {
    name: "mid-conversation system message reaches the upstream in its own form",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await ask(context, [
        { role: "user", text: "First question." },
        { role: "assistant", text: "First answer." },
        { role: "system", text: "Marker MID-42: answer briefly." },
        { role: "user", text: "Second question." },
      ]);
      const late = context.upstreamHistories()[0]?.lateInstructions ?? [];
      expect(late.map((instruction) => instruction.text)).toEqual(["Marker MID-42: answer briefly."]);
      if (context.upstreamApi !== "anthropic-messages") expect(late[0]?.form).toBe("system");
      // Anthropic models without mid-conversation system messages get Claude Code's own reminder form, said so.
      if (late[0]?.form === "system-reminder") expect(warnedFeatures(answer).join(" ")).toContain("system message");
      expect(context.upstreamViews()[0]?.userTexts.join(" ")).toContain("Second question.");
    },
  },
  {
    name: "developer role reaches the upstream in its own form",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await ask(context, [
        { role: "developer", text: "Marker DEV-1: use metric units." },
        { role: "user", text: "First question." },
        { role: "assistant", text: "First answer." },
        { role: "developer", text: "Marker DEV-2: be brief." },
        { role: "user", text: "Second question." },
      ]);
      const view = context.upstreamViews()[0];
      expect(view?.systemTexts.join("\n")).toContain("Marker DEV-1");
      const late = context.upstreamHistories()[0]?.lateInstructions ?? [];
      expect(late.map((instruction) => instruction.text)).toEqual(["Marker DEV-2: be brief."]);
      if (context.upstreamApi === "openai-responses") expect(late[0]?.form).toBe("developer");
      // Chat servers other than OpenAI's own models know only `system`: sent so, and said so.
      if (context.upstreamApi === "openai-chat" && late[0]?.form !== "developer") {
        expect(late[0]?.form).toBe("system");
        expect(warnedFeatures(answer)).toContain("developer role");
      }
    },
  },
  {
    name: "multi-part user text reaches the upstream in order",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      await ask(context, [
        {
          role: "user",
          text: "",
          parts: [
            { type: "text", text: "Part one ALPHA." },
            { type: "text", text: "Part two BETA." },
          ],
        },
      ]);
      const texts = context.upstreamViews()[0]?.userTexts.join("\n") ?? "";
      expect(texts).toContain("Part one ALPHA.");
      expect(texts.indexOf("ALPHA")).toBeLessThan(texts.indexOf("BETA"));
    },
  },
  {
    name: "image by URL reaches the upstream",
    async run(context) {
      context.script(() => ({ text: "A cat." }));
      await ask(context, [
        {
          role: "user",
          text: "",
          parts: [
            { type: "text", text: "What is this?" },
            { type: "image-url", url: imageUrl },
          ],
        },
      ]);
      expect(context.upstreamHistories()[0]?.imageUrls).toEqual([imageUrl]);
    },
  },
  {
    name: "tool result as blocks (text + image) reaches the upstream",
    async run(context) {
      context.script(() => ({ text: "I see it." }));
      const output: NeutralPart[] = [
        { type: "text", text: "Radar image MARK-T7." },
        { type: "image", mediaType: "image/png", base64: redPixelPng },
      ];
      const answer = await ask(context, [
        ...toolTurn("call_blocks_1"),
        { role: "tool", callId: "call_blocks_1", toolName: "get_weather", output },
      ]);
      const result = context.upstreamHistories()[0]?.toolResults[0];
      expect(result?.callId).toBe("call_blocks_1");
      expect(result?.texts).toEqual(["Radar image MARK-T7."]);
      if (context.clientApi === "openai-chat") return; // Chat tool messages carry text only.
      if (context.upstreamApi === "openai-chat") {
        // The image follows the tool message in a user turn, and the caller is told.
        expect(context.upstreamViews()[0]?.images).toEqual([{ mediaType: "image/png", base64: redPixelPng }]);
        expect(warnedFeatures(answer).join(" ")).toContain("tool result images");
      } else {
        expect(result?.images).toEqual([redPixelPng]);
      }
    },
  },
  {
    name: "tool result marked as an error reaches the upstream as one",
    async run(context) {
      context.script(() => ({ text: "The tool failed." }));
      const answer = await ask(context, [
        ...toolTurn("call_error_1"),
        { role: "tool", callId: "call_error_1", toolName: "get_weather", output: "City not found", isError: true },
      ]);
      const result = context.upstreamHistories()[0]?.toolResults[0];
      expect(result?.callId).toBe("call_error_1");
      expect(result?.texts.join(" ")).toContain("City not found");
      if (context.upstreamApi === "anthropic-messages") expect(result?.isError).toBe(true);
      // OpenAI tool outputs have no error flag: the flag is dropped with a warning, never silently.
      else expect(warnedFeatures(answer).join(" ")).toContain("is_error");
    },
  },
];
