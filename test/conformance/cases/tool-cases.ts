import { expect } from "vitest";
import type { CaseContext, ConformanceCase } from "../support/case-context.js";
import { timeTool, weatherArguments, weatherTool } from "../support/fixtures.js";
import type { NeutralMessage } from "../support/neutral-turn.js";

const question: NeutralMessage = { role: "user", text: "Weather and time in São Paulo?" };

function ask(context: CaseContext, messages: NeutralMessage[]) {
  return context.driver.ask({ model: context.model, stream: context.stream, tools: [weatherTool, timeTool], messages });
}

/** Tool calls out to the client and tool results back to the upstream, with ids intact. */
export const toolCases: ConformanceCase[] = [
  {
    name: "tool call, then the tool-result turn",
    async run(context) {
      context.script((view) =>
        view.toolResults.length === 0
          ? { toolCalls: [{ id: "call_weather_1", name: "get_weather", arguments: weatherArguments }] }
          : { text: "It is 22 °C." },
      );
      const first = await ask(context, [question]);
      expect(first.stop).toBe("tool");
      expect(first.toolCalls).toHaveLength(1);
      const call = first.toolCalls[0]!;
      expect(call.name).toBe("get_weather");
      expect(call.arguments).toEqual(weatherArguments);
      expect(context.upstreamViews()[0]?.toolNames).toEqual(expect.arrayContaining(["get_weather", "get_time"]));

      const second = await ask(context, [
        question,
        { role: "assistant", toolCalls: [call] },
        { role: "tool", callId: call.id, toolName: call.name, output: "22 °C, sunny" },
      ]);
      expect(second.text).toBe("It is 22 °C.");
      expect(second.stop).toBe("end");
      const followUp = context.upstreamViews()[1];
      expect(followUp?.historyToolCalls).toEqual([{ callId: "call_weather_1", name: "get_weather" }]);
      expect(followUp?.toolResults).toEqual([{ callId: "call_weather_1", output: "22 °C, sunny" }]);
    },
  },
  {
    name: "two tool calls in one turn",
    async run(context) {
      context.script((view) =>
        view.toolResults.length === 0
          ? {
              toolCalls: [
                { id: "call_weather_2", name: "get_weather", arguments: { city: "Lima" } },
                { id: "call_time_2", name: "get_time", arguments: { city: "Oslo" } },
              ],
            }
          : { text: "Done." },
      );
      const first = await ask(context, [question]);
      expect(first.stop).toBe("tool");
      expect(first.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
        ["get_weather", { city: "Lima" }],
        ["get_time", { city: "Oslo" }],
      ]);
      const [weather, time] = first.toolCalls;
      if (weather === undefined || time === undefined) throw new Error("expected two tool calls");
      expect(weather.id).not.toBe(time.id);

      await ask(context, [
        question,
        { role: "assistant", toolCalls: first.toolCalls },
        { role: "tool", callId: weather.id, toolName: weather.name, output: "warm" },
        { role: "tool", callId: time.id, toolName: time.name, output: "noon" },
      ]);
      expect(context.upstreamViews()[1]?.toolResults).toEqual([
        { callId: "call_weather_2", output: "warm" },
        { callId: "call_time_2", output: "noon" },
      ]);
    },
  },
];
