import type { ReasoningEffort } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";

/** The effort levels Anthropic takes (`output_config.effort`); the IR's `none`/`minimal` are OpenAI's. */
export type BudgetedEffort = "low" | "medium" | "high" | "xhigh" | "max";

/**
 * One table for both directions, so an effort turned into a thinking budget and back is the same
 * effort. Towards Anthropic models that only take `budget_tokens`, an effort becomes this budget.
 */
export const budgetByEffort: Record<BudgetedEffort, number> = {
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 24576,
  max: 32000,
};

/**
 * An Anthropic thinking budget as an OpenAI effort level: the smallest level whose budget covers it.
 *
 *   budget ≤ 2048  → low
 *   budget ≤ 8192  → medium
 *   otherwise      → high
 *
 * It stops at `high`: `xhigh` is accepted only by some OpenAI models and by few Chat-compatible
 * servers, and a guessed level must not turn a working request into a 400. So low, medium and
 * high survive effort → budget → effort unchanged; the budgets of xhigh and max come back as high.
 */
export function effortForBudget(budgetTokens: number): Extract<ReasoningEffort, "low" | "medium" | "high"> {
  if (budgetTokens <= budgetByEffort.low) return "low";
  if (budgetTokens <= budgetByEffort.medium) return "medium";
  return "high";
}

/** `effortForBudget` for an OpenAI encoder, with the compatibility warning that says so. */
export function budgetAsEffort(
  budgetTokens: number,
  warnings: Warning[],
  api: string,
): ReturnType<typeof effortForBudget> {
  warnings.push({
    type: "compatibility",
    feature: "reasoning.budget_tokens",
    detail: `${api} takes an effort level; the thinking budget was mapped to one.`,
  });
  return effortForBudget(budgetTokens);
}
