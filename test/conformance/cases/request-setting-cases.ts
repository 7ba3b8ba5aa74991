import { expect } from "vitest";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { CaseContext, ConformanceCase } from "../support/case-context.js";
import { timeTool, weatherTool } from "../support/fixtures.js";
import type { NeutralToolChoice, NeutralTurn } from "../support/neutral-turn.js";
import { warnedFeatures } from "../support/warnings.js";

const titleSchema = {
  type: "object",
  properties: { title: { type: "string" } },
  required: ["title"],
  additionalProperties: false,
};

/** Where each upstream API expects a setting. */
const responseFormatField: Record<WireApi, string> = {
  "anthropic-messages": "output_config.format",
  "openai-chat": "response_format.json_schema",
  "openai-responses": "text.format",
};
const effortField: Record<WireApi, string> = {
  "anthropic-messages": "output_config.effort",
  "openai-chat": "reasoning_effort",
  "openai-responses": "reasoning.effort",
};

function turn(context: CaseContext, extra: Partial<NeutralTurn>): NeutralTurn {
  return { model: context.model, stream: context.stream, messages: [{ role: "user", text: "Hi" }], ...extra };
}

/** Request settings that each API names differently, arriving in the upstream's own field. */
export const requestSettingCases: ConformanceCase[] = [
  {
    name: "structured output: the JSON schema reaches the upstream in its own field",
    async run(context) {
      context.script(() => ({ text: '{"title":"Greeting"}' }));
      const answer = await context.driver.ask(
        turn(context, { responseFormat: { name: "session_title", schema: titleSchema } }),
      );
      expect(JSON.parse(answer.text)).toEqual({ title: "Greeting" });
      expect(context.upstreamSettings()[0]?.responseFormat).toEqual({
        field: responseFormatField[context.upstreamApi],
        schema: titleSchema,
      });
    },
  },
  {
    name: "reasoning effort reaches the upstream in its own field",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      await context.driver.ask(turn(context, { effort: "high" }));
      expect(context.upstreamSettings()[0]?.effort).toEqual({ field: effortField[context.upstreamApi], value: "high" });
    },
  },
  {
    name: "max_tokens variants reach the upstream as its own output budget",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const variants: NeutralTurn["chatMaxTokensField"][] =
        context.clientApi === "openai-chat" ? ["max_tokens", "max_completion_tokens"] : [undefined];
      for (const variant of variants) {
        await context.driver.ask(turn(context, { maxTokens: 77, chatMaxTokensField: variant }));
      }
      const settings = context.upstreamSettings();
      expect(settings).toHaveLength(variants.length);
      settings.forEach((setting, index) => {
        expect(setting.maxTokens?.value).toBe(77);
        const sameApi = context.clientApi === context.upstreamApi;
        const expected = {
          "anthropic-messages": ["max_tokens"],
          // The gateway picks Chat's name by model (o-series and gpt-5 take only
          // `max_completion_tokens`, compatible servers only `max_tokens`); a passthrough keeps the client's.
          "openai-chat": sameApi ? [variants[index]] : ["max_tokens", "max_completion_tokens"],
          "openai-responses": ["max_output_tokens"],
        }[context.upstreamApi];
        expect(expected).toContain(setting.maxTokens?.field);
      });
    },
  },
  {
    name: "stop sequences reach the upstream, or are dropped with a warning",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await context.driver.ask(turn(context, { stopSequences: ["END-MARK"] }));
      if (context.upstreamApi === "openai-responses") {
        // Responses has no stop sequences: the caller is told.
        expect(warnedFeatures(answer)).toContain("stop_sequences");
        expect(context.upstreamCalls()[0]?.rawBody).not.toContain("END-MARK");
      } else {
        expect(context.upstreamSettings()[0]?.stopSequences).toEqual(["END-MARK"]);
      }
    },
  },
  {
    name: "tool_choice (auto, none, required, a named tool) reaches the upstream",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const choices: NeutralToolChoice[] = ["auto", "none", "required", { name: "get_time" }];
      for (const toolChoice of choices) {
        await context.driver.ask(turn(context, { tools: [weatherTool, timeTool], toolChoice }));
      }
      expect(context.upstreamSettings().map((setting) => setting.toolChoice)).toEqual(choices);
    },
  },
];
