import { expect } from "vitest";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { ConformanceCase } from "../support/case-context.js";
import { weatherTool } from "../support/fixtures.js";
import type { NeutralTurn } from "../support/neutral-turn.js";
import { expectPassedThrough, warnedFeatures, warningsHeader } from "../support/warnings.js";

const functionTool = {
  "anthropic-messages": {
    name: weatherTool.name,
    description: weatherTool.description,
    input_schema: weatherTool.parameters,
  },
  "openai-responses": { type: "function", name: weatherTool.name, parameters: weatherTool.parameters, strict: false },
};

/** Each client API's own hosted web search tool (Chat Completions has none). */
const hostedSearchTools: Partial<Record<WireApi, Record<string, unknown>>> = {
  "anthropic-messages": {
    tools: [functionTool["anthropic-messages"], { type: "web_search_20250305", name: "web_search", max_uses: 2 }],
  },
  "openai-responses": { tools: [functionTool["openai-responses"], { type: "web_search" }] },
};

/** Each client API's own context management setting (Chat Completions has none). */
const contextManagement: Partial<Record<WireApi, Record<string, unknown>>> = {
  "anthropic-messages": { context_management: { edits: [{ type: "clear_tool_uses_20250919" }] } },
  "openai-responses": { context_management: [{ type: "compaction", compact_threshold: 200000 }] },
};

function turn(model: string, stream: boolean, extra: Partial<NeutralTurn>): NeutralTurn {
  return { model, stream, messages: [{ role: "user", text: "Hi" }], ...extra };
}

/**
 * What only the client's API can express: kept byte for byte when the upstream speaks the same
 * API, otherwise dropped with a warning the caller sees in `x-switchboard-warnings`.
 */
export const droppedFeatureCases: ConformanceCase[] = [
  {
    name: "a request with nothing to drop carries no warnings",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await context.driver.ask(turn(context.model, context.stream, { system: "Be brief." }));
      expect(answer.headers.get(warningsHeader)).toBeNull();
    },
  },
  {
    name: "cache_control: kept for the same API, otherwise dropped with a warning",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await context.driver.ask(
        turn(context.model, context.stream, { system: "Cached system prompt.", cacheControl: true }),
      );
      expect(answer.sentBody).toContain("cache_control");
      if (context.upstreamApi === context.clientApi) return expectPassedThrough(context, answer);
      expect(warnedFeatures(answer)).toContain("cache_control");
      expect(context.upstreamCalls()[0]?.rawBody).not.toContain("cache_control");
    },
  },
  {
    name: "hosted web_search tool: kept for the same API, otherwise dropped with a warning",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await context.driver.ask(turn(context.model, context.stream, { extraFields: hostedSearchTools }));
      if (context.upstreamApi === context.clientApi) return expectPassedThrough(context, answer);
      expect(warnedFeatures(answer).join(" ")).toContain("web_search");
      const upstream = context.upstreamViews()[0];
      // The function tool still goes; only the hosted one is dropped.
      expect(upstream?.toolNames).toEqual(["get_weather"]);
      expect(context.upstreamCalls()[0]?.rawBody).not.toContain("web_search");
    },
  },
  {
    name: "context_management: kept for the same API, otherwise dropped with a warning",
    async run(context) {
      context.script(() => ({ text: "ok" }));
      const answer = await context.driver.ask(turn(context.model, context.stream, { extraFields: contextManagement }));
      if (context.upstreamApi === context.clientApi) return expectPassedThrough(context, answer);
      expect(warnedFeatures(answer)).toContain("context_management");
      expect(context.upstreamCalls()[0]?.rawBody).not.toContain("context_management");
    },
  },
];
