import { afterAll, beforeAll, describe, it } from "vitest";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { answerCases } from "./cases/answer-cases.js";
import { errorCases } from "./cases/error-cases.js";
import { toolCases } from "./cases/tool-cases.js";
import type { CaseContext, ConformanceCase } from "./support/case-context.js";
import { createDriver } from "./support/clients/create-driver.js";
import { gatewayKey } from "./support/gateway-config.js";
import { startStack, type Stack } from "./support/start-stack.js";
import { viewUpstreamRequest } from "./support/upstream-view.js";

export const conformanceCases: ConformanceCase[] = [...answerCases, ...toolCases, ...errorCases];

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
 * Skips every pair shares, from what the two APIs can express at all. None today: OpenAI's Chat
 * API has no reasoning field, but the gateway writes reasoning to Chat clients in
 * `reasoning_content` and reads it from Chat upstreams (see translate/openai-chat/reasoning-fields.ts),
 * and the drivers and the fake upstream use that field.
 */
export function inherentSkips(_clientApi: WireApi, _upstreamApi: WireApi): SkipEntry[] {
  return [];
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
            };
            await conformanceCase.run(context);
          });
        }
      });
    }
  });
}
