import type { ReasoningConfig, ReasoningEffort } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { Effort, ThinkingConfig } from "../../protocols/anthropic-messages/types.js";
import { budgetByEffort } from "../shared/reasoning-budget.js";
import { modelCapabilities } from "./model-capabilities.js";

export interface EncodedReasoning {
  thinking?: ThinkingConfig;
  effort?: Effort;
}

const minimumBudget = 1024;

/**
 * The IR's reasoning settings in the form the target model takes: adaptive thinking on current
 * models, a token budget on older ones (Opus 4.7 and later reject budgets; 4.5 and earlier reject
 * adaptive). Each conversion is reported as a compatibility warning.
 */
export function encodeReasoning(options: {
  reasoning: ReasoningConfig | undefined;
  model: string;
  maxTokens: number;
  warnings: Warning[];
}): EncodedReasoning {
  const { reasoning, model, maxTokens, warnings } = options;
  if (reasoning === undefined) return {};
  const capabilities = modelCapabilities(model);
  const effort = anthropicEffort(reasoning.effort, warnings);
  const thinking = encodeThinking({ reasoning, effort, model, maxTokens, warnings });
  if (effort === undefined) return thinking === undefined ? {} : { thinking };
  if (capabilities.effort) return thinking === undefined ? { effort } : { thinking, effort };
  // Turned into a budget above when no budget was given; otherwise it is lost.
  if (thinking?.type !== "enabled" || reasoning.budgetTokens !== undefined) {
    warnings.push({
      type: "unsupported",
      feature: "reasoning.effort",
      detail: `${model} takes no effort setting; it was dropped.`,
    });
  }
  return thinking === undefined ? {} : { thinking };
}

function encodeThinking(options: {
  reasoning: ReasoningConfig;
  effort: Effort | undefined;
  model: string;
  maxTokens: number;
  warnings: Warning[];
}): ThinkingConfig | undefined {
  const { reasoning, effort, model, maxTokens, warnings } = options;
  const capabilities = modelCapabilities(model);
  if (reasoning.enabled === false || reasoning.effort === "none") return { type: "disabled" };
  const wantsThinking =
    reasoning.budgetTokens !== undefined ||
    reasoning.adaptive === true ||
    reasoning.enabled === true ||
    effort !== undefined;
  if (!wantsThinking) return undefined;
  const useBudget =
    capabilities.budgetThinking && (reasoning.budgetTokens !== undefined || !capabilities.adaptiveThinking);
  if (!useBudget) {
    if (reasoning.budgetTokens !== undefined) {
      warnings.push({
        type: "compatibility",
        feature: "reasoning.budget_tokens",
        detail: `${model} takes no thinking budget; sent as adaptive thinking.`,
      });
    }
    return { type: "adaptive" };
  }
  const wanted = reasoning.budgetTokens ?? budgetByEffort[effort ?? "medium"];
  const budget = Math.min(wanted, maxTokens - 1);
  if (budget < minimumBudget) {
    warnings.push({
      type: "compatibility",
      feature: "reasoning",
      detail: `max_tokens ${maxTokens} leaves no room for a thinking budget; thinking was left off.`,
    });
    return undefined;
  }
  if (budget !== reasoning.budgetTokens) {
    warnings.push({
      type: "compatibility",
      feature: "reasoning",
      detail: `${model} takes a thinking budget; sent budget_tokens ${budget}.`,
    });
  }
  return { type: "enabled", budget_tokens: budget };
}

function anthropicEffort(effort: ReasoningEffort | undefined, warnings: Warning[]): Effort | undefined {
  if (effort === undefined || effort === "none") return undefined;
  if (effort !== "minimal") return effort;
  warnings.push({
    type: "compatibility",
    feature: "reasoning.effort",
    detail: "Anthropic has no `minimal` effort; sent as `low`.",
  });
  return "low";
}
