import { expect } from "vitest";
import type { ConformanceCase } from "../support/case-context.js";
import { weatherArguments, weatherTool } from "../support/fixtures.js";
import type { NeutralMessage } from "../support/neutral-turn.js";

const question: NeutralMessage = { role: "user", text: "Weather in São Paulo?" };
const thought = "The user wants the weather; call the tool.";
/** What the fake upstream signs its reasoning with (Anthropic `signature`, Responses `encrypted_content`). */
const upstreamSignature = "sig-conformance";

/**
 * The client sends back its assistant turn exactly as it received it, reasoning included (as
 * Claude Code and Codex do); the upstream must get its own signed reasoning back intact, or it
 * refuses the tool-use turn.
 */
export const reasoningRoundTripCases: ConformanceCase[] = [
  {
    name: "signed reasoning sent back on the next turn reaches the upstream intact",
    async run(context) {
      context.script((view) =>
        view.toolResults.length === 0
          ? {
              reasoning: thought,
              toolCalls: [{ id: "call_think_1", name: "get_weather", arguments: weatherArguments }],
            }
          : { text: "It is warm." },
      );
      const ask = (messages: NeutralMessage[]) =>
        context.driver.ask({
          model: context.model,
          stream: context.stream,
          reasoning: true,
          tools: [weatherTool],
          messages,
        });
      const first = await ask([question]);
      expect(first.reasoning).toContain("call the tool");
      const call = first.toolCalls[0];
      if (call === undefined) throw new Error("expected a tool call");
      const second = await ask([
        question,
        { role: "assistant-replay", replay: first.replay },
        { role: "tool", callId: call.id, toolName: call.name, output: "22 °C" },
      ]);
      expect(second.text).toBe("It is warm.");
      const replayed = context.upstreamHistories()[1]?.reasoning ?? [];
      expect(replayed).toHaveLength(1);
      if (context.upstreamApi === "anthropic-messages") {
        expect(replayed[0]).toEqual({ text: thought, signature: upstreamSignature });
      } else {
        expect(replayed[0]?.encryptedContent).toBe(upstreamSignature);
      }
    },
  },
];
