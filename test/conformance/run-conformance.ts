import { afterAll, beforeAll, describe, it } from "vitest";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { answerCases } from "./cases/answer-cases.js";
import { conversationCases } from "./cases/conversation-cases.js";
import { droppedFeatureCases } from "./cases/dropped-feature-cases.js";
import { errorCases } from "./cases/error-cases.js";
import { reasoningRoundTripCases } from "./cases/reasoning-round-trip-cases.js";
import { requestSettingCases } from "./cases/request-setting-cases.js";
import { toolCases } from "./cases/tool-cases.js";
import { usageAndStopCases } from "./cases/usage-and-stop-cases.js";
import type { CaseContext, ConformanceCase } from "./support/case-context.js";
import { createDriver } from "./support/clients/create-driver.js";
import { gatewayKey } from "./support/gateway-config.js";
import { startStack, type Stack } from "./support/start-stack.js";
import { readUpstreamHistory } from "./support/upstream-history.js";
import { readUpstreamSettings } from "./support/upstream-settings.js";
import { viewUpstreamRequest } from "./support/upstream-view.js";

export const conformanceCases: ConformanceCase[] = [
  ...answerCases,
  ...toolCases,
  ...errorCases,
  ...requestSettingCases,
  ...conversationCases,
  ...droppedFeatureCases,
  ...reasoningRoundTripCases,
  ...usageAndStopCases,
];

/** Cases a pair cannot run, each with the reason written down (hono's common.case style). */
export interface SkipEntry {
  reason: string;
  tests: string[];
  /** Skip only when the client streams. */
  streamingOnly?: boolean;
}

export interface ConformanceOptions {
  clientApi: WireApi;
  upstreamApi: WireApi;
  /** Known gateway defects for this pair (inherent limits come from `inherentSkips`). */
  skip?: SkipEntry[];
}

/**
 * What a pair cannot do because one of its two APIs has no way to say it, each with the reason.
 * OpenAI's Chat API has no reasoning field, but the gateway writes reasoning to Chat clients in
 * `reasoning_content` and reads it from Chat upstreams (see translate/openai-chat/reasoning-fields.ts),
 * and the drivers and the fake upstream use that field, so reasoning cases run for every pair.
 */
export function inherentSkips(clientApi: WireApi, upstreamApi: WireApi): SkipEntry[] {
  const skips: SkipEntry[] = [];
  const skip = (reason: string, ...tests: string[]) => skips.push({ reason, tests });
  if (clientApi === "anthropic-messages") {
    skip("Anthropic Messages has no developer role", "developer role reaches the upstream in its own form");
    skip("Anthropic Messages has no stream_options", "stream_options.include_usage false: no usage chunk");
  }
  if (clientApi !== "anthropic-messages") {
    skip(
      "OpenAI clients have no cache_control (OpenAI caches prompts on its own)",
      "cache_control: kept for the same API, otherwise dropped with a warning",
    );
    skip(
      "OpenAI tool outputs have no error flag (the client says so in the text)",
      "tool result marked as an error reaches the upstream as one",
    );
  }
  if (clientApi === "openai-chat") {
    skip(
      "Chat Completions has no hosted tools",
      "hosted web_search tool: kept for the same API, otherwise dropped with a warning",
    );
    skip(
      "Chat Completions has no context_management",
      "context_management: kept for the same API, otherwise dropped with a warning",
    );
  }
  if (clientApi === "openai-responses") {
    skip("Responses has no stop sequences", "stop sequences reach the upstream, or are dropped with a warning");
    skip("Responses has no stream_options", "stream_options.include_usage false: no usage chunk");
  }
  if (upstreamApi === "openai-chat") {
    skip(
      "Chat Completions upstreams return no signed or encrypted reasoning to send back",
      "signed reasoning sent back on the next turn reaches the upstream intact (Chat clients: warned)",
    );
  }
  return skips;
}

/** Registers the whole suite for one (client API × upstream API) pair, streaming and not. */
export function runConformance(options: ConformanceOptions): void {
  const { clientApi, upstreamApi } = options;
  // `RUN_KNOWN_GAPS=1` runs the cases skipped for known gateway defects, to see whether they are fixed.
  const knownGaps = process.env["RUN_KNOWN_GAPS"] === "1" ? [] : (options.skip ?? []);
  const skips = [...inherentSkips(clientApi, upstreamApi), ...knownGaps];
  const skipReason = (name: string, stream: boolean) =>
    skips.find((entry) => entry.tests.includes(name) && (stream || entry.streamingOnly !== true))?.reason;

  describe(`${clientApi} client → ${upstreamApi} upstream`, () => {
    let stack: Stack;
    beforeAll(async () => {
      // A short idle timeout turns a stalled upstream stream into an in-stream error quickly.
      stack = await startStack({ upstreamApi, idleMs: 1500 });
    });
    afterAll(async () => {
      await stack?.close();
    });

    for (const stream of [false, true]) {
      describe(stream ? "streaming" : "non-streaming", () => {
        for (const conformanceCase of conformanceCases) {
          if (conformanceCase.only === "stream" && !stream) continue;
          if (conformanceCase.only === "non-stream" && stream) continue;
          const reason = skipReason(conformanceCase.name, stream);
          if (reason !== undefined) {
            it.skip(`${conformanceCase.name} (skipped: ${reason})`, () => {});
            continue;
          }
          it(conformanceCase.name, async () => {
            const start = stack.generationCalls().length;
            const context: CaseContext = {
              driver: createDriver(clientApi, { baseUrl: stack.gatewayUrl, apiKey: gatewayKey }),
              clientApi,
              upstreamApi,
              stream,
              model: "conformance-model",
              script: (script) => stack.setScript(script),
              upstreamCalls: () => stack.generationCalls().slice(start),
              upstreamViews: () =>
                stack
                  .generationCalls()
                  .slice(start)
                  .map((call) => viewUpstreamRequest(upstreamApi, call.body)),
              upstreamSettings: () =>
                stack
                  .generationCalls()
                  .slice(start)
                  .map((call) => readUpstreamSettings(upstreamApi, call.body)),
              upstreamHistories: () =>
                stack
                  .generationCalls()
                  .slice(start)
                  .map((call) => readUpstreamHistory(upstreamApi, call.body)),
            };
            await conformanceCase.run(context);
          });
        }
      });
    }
  });
}
