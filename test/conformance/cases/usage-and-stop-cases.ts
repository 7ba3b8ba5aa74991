import { expect } from "vitest";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { CaseContext, ConformanceCase } from "../support/case-context.js";
import { weatherArguments, weatherTool } from "../support/fixtures.js";
import type { NeutralStop } from "../support/neutral-turn.js";

type Json = Record<string, unknown>;

/** The stop reason as the SDK's streamed events state it, before any accumulation. */
function streamedStop(api: WireApi, events: unknown[]): NeutralStop | undefined {
  let stop: NeutralStop | undefined;
  for (const event of events as Json[]) {
    if (api === "anthropic-messages" && event["type"] === "message_delta") {
      const reason = (event["delta"] as Json)["stop_reason"];
      stop = reason === "max_tokens" ? "length" : reason === "tool_use" ? "tool" : `other:${String(reason)}`;
    }
    if (api === "openai-chat") {
      const reason = (event["choices"] as Json[] | undefined)?.[0]?.["finish_reason"];
      if (reason === "length") stop = "length";
      else if (reason === "tool_calls") stop = "tool";
      else if (typeof reason === "string") stop = `other:${reason}`;
    }
    if (api === "openai-responses") {
      const response = event["response"] as Json | undefined;
      if (event["type"] === "response.incomplete") {
        const reason = (response?.["incomplete_details"] as Json | undefined)?.["reason"];
        stop = reason === "max_output_tokens" ? "length" : `other:${String(reason)}`;
      }
      if (event["type"] === "response.completed") {
        const output = (response?.["output"] as Json[] | undefined) ?? [];
        stop = output.some((item) => item["type"] === "function_call") ? "tool" : "other:completed";
      }
    }
  }
  return stop;
}

function streamTurn(context: CaseContext, maxTokens?: number) {
  return {
    model: context.model,
    stream: true,
    tools: [weatherTool],
    messages: [{ role: "user" as const, text: "Weather?" }],
    ...(maxTokens !== undefined && { maxTokens }),
  };
}

/** Usage details and stop reasons exactly as each client's SDK reports them. */
export const usageAndStopCases: ConformanceCase[] = [
  {
    name: "reasoning and cached tokens in usage as the client sees them",
    async run(context) {
      context.script(() => ({
        reasoning: "Thinking.",
        text: "done",
        usage: { inputTotal: 1500, output: 400, cached: 1200, reasoning: 300 },
      }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: context.stream,
        reasoning: true,
        messages: [{ role: "user", text: "Think." }],
      });
      expect(answer.usage).toMatchObject({ inputTotal: 1500, output: 400, cached: 1200 });
      // Anthropic's usage has no reasoning count: an Anthropic client cannot see it, and an
      // Anthropic upstream does not report it (so an OpenAI client must not be told a made-up number).
      if (context.clientApi === "anthropic-messages") expect(answer.usage.reasoning).toBeUndefined();
      else if (context.upstreamApi === "anthropic-messages") expect(answer.usage.reasoning ?? 0).toBe(0);
      else expect(answer.usage.reasoning).toBe(300);
    },
  },
  {
    name: "stream_options.include_usage false: no usage chunk",
    only: "stream",
    async run(context) {
      context.script(() => ({ text: "no usage please", usage: { inputTotal: 10, output: 3, cached: 0 } }));
      const answer = await context.driver.ask({
        model: context.model,
        stream: true,
        includeUsage: false,
        messages: [{ role: "user", text: "Hi" }],
      });
      expect(answer.text).toBe("no usage please");
      expect(answer.usageSeenInStream).toBe(false);
    },
  },
  {
    name: "streamed stop reason: length, as the SDK's events report it",
    only: "stream",
    async run(context) {
      context.script(() => ({ text: "This answer was cut", truncated: true }));
      const outcome = await context.driver.streamEvents(streamTurn(context, 5));
      expect(outcome.error).toBeUndefined();
      expect(streamedStop(context.clientApi, outcome.events), JSON.stringify(outcome.eventTypes)).toBe("length");
    },
  },
  {
    name: "streamed stop reason: tool use, as the SDK's events report it",
    only: "stream",
    async run(context) {
      context.script(() => ({
        toolCalls: [{ id: "call_stream_1", name: "get_weather", arguments: weatherArguments }],
      }));
      const outcome = await context.driver.streamEvents(streamTurn(context));
      expect(outcome.error).toBeUndefined();
      expect(streamedStop(context.clientApi, outcome.events), JSON.stringify(outcome.eventTypes)).toBe("tool");
    },
  },
];
