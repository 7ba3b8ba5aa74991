import { expect } from "vitest";
import type { ConformanceCase } from "../support/case-context.js";
import { weatherArguments, weatherTool } from "../support/fixtures.js";
import type { NeutralMessage } from "../support/neutral-turn.js";
import { warnedFeatures } from "../support/warnings.js";

const question: NeutralMessage = { role: "user", text: "Weather in São Paulo?" };
const thought = "The user wants the weather; call the tool.";
/** What the fake upstream signs its reasoning with (Anthropic `signature`, Responses `encrypted_content`). */
const upstreamSignature = "sig-conformance";

/**
 * The client sends back its assistant turn exactly as it received it, reasoning included (as
 * Claude Code and Codex do); the upstream must get its own signed reasoning back intact, or it
 * refuses the tool-use turn. A Chat client has no field to carry it: then the next turn must still
 * succeed (thinking off for an Anthropic upstream, which refuses a tool turn without its thinking
 * block) and the caller is told.
 */
export const reasoningRoundTripCases: ConformanceCase[] = [
  {
    name: "signed reasoning sent back on the next turn reaches the upstream intact (Chat clients: warned)",
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
      if (context.clientApi === "openai-chat") {
        expect(replayed).toEqual([]);
        expect(warnedFeatures(second)).toContain(
          context.upstreamApi === "anthropic-messages" ? "thinking" : "reasoning",
        );
        return;
      }
      expect(replayed).toHaveLength(1);
      if (context.upstreamApi === "anthropic-messages") {
        expect(replayed[0]).toEqual({ text: thought, signature: upstreamSignature });
      } else {
        expect(replayed[0]?.encryptedContent).toBe(upstreamSignature);
      }
    },
  },
];
