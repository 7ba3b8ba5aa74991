import { describe, expect, it } from "vitest";
import type { ReasoningConfig } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import { encodeReasoning } from "./encode-reasoning.js";
import { modelCapabilities } from "./model-capabilities.js";

function encode(reasoning: ReasoningConfig, model: string, maxTokens = 32000) {
  const warnings: Warning[] = [];
  return {
    ...encodeReasoning({ reasoning, model, maxTokens, warnings }),
    warnings: warnings.map((warning) => warning.feature),
  };
}

describe("model capabilities, read from the model name", () => {
  it.each([
    ["claude-opus-4-8", { adaptiveThinking: true, budgetThinking: false, effort: true, midConversationSystem: true }],
    ["claude-opus-4.8", { adaptiveThinking: true, budgetThinking: false, effort: true, midConversationSystem: true }],
    ["claude-opus-4-7", { adaptiveThinking: true, budgetThinking: false, effort: true, midConversationSystem: false }],
    ["claude-sonnet-4-6", { adaptiveThinking: true, budgetThinking: true, effort: true, midConversationSystem: false }],
    [
      "claude-opus-4-5-20251101",
      { adaptiveThinking: false, budgetThinking: true, effort: true, midConversationSystem: false },
    ],
    [
      "claude-sonnet-4.5",
      { adaptiveThinking: false, budgetThinking: true, effort: false, midConversationSystem: false },
    ],
    [
      "claude-3-7-sonnet-20250219",
      { adaptiveThinking: false, budgetThinking: true, effort: false, midConversationSystem: false },
    ],
    ["claude-fable-5", { adaptiveThinking: true, budgetThinking: false, effort: true, midConversationSystem: false }],
  ])("%s", (model, capabilities) => {
    expect(modelCapabilities(model)).toEqual(capabilities);
  });
});

describe("encodeReasoning", () => {
  it("turns an OpenAI effort into a thinking budget for a model without adaptive thinking", () => {
    expect(encode({ effort: "high" }, "claude-sonnet-4-5-20250929")).toEqual({
      thinking: { type: "enabled", budget_tokens: 16384 },
      warnings: ["reasoning"],
    });
  });

  it("keeps the budget below max_tokens, and leaves thinking off when there is no room", () => {
    expect(encode({ effort: "high" }, "claude-sonnet-4.5", 4000).thinking).toEqual({
      type: "enabled",
      budget_tokens: 3999,
    });
    expect(encode({ enabled: true, budgetTokens: 2048 }, "claude-sonnet-4-5", 1000)).toEqual({
      warnings: ["reasoning"],
    });
  });

  it("sends a budget as adaptive thinking to a model that rejects budgets", () => {
    expect(encode({ enabled: true, budgetTokens: 4096 }, "claude-opus-4-7")).toEqual({
      thinking: { type: "adaptive" },
      warnings: ["reasoning.budget_tokens"],
    });
  });

  it("sends effort alongside a budget to Opus 4.5", () => {
    expect(encode({ enabled: true, adaptive: true, effort: "high" }, "claude-opus-4-5")).toEqual({
      thinking: { type: "enabled", budget_tokens: 16384 },
      effort: "high",
      warnings: ["reasoning"],
    });
  });

  it("drops effort with a warning for a model that takes none", () => {
    expect(encode({ enabled: false, effort: "low" }, "claude-haiku-4-5")).toEqual({
      thinking: { type: "disabled" },
      warnings: ["reasoning.effort"],
    });
  });

  it("maps minimal effort to low with a warning", () => {
    expect(encode({ effort: "minimal" }, "claude-opus-4-8")).toEqual({
      thinking: { type: "adaptive" },
      effort: "low",
      warnings: ["reasoning.effort"],
    });
  });
});
