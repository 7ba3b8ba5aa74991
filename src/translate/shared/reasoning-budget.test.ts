import { describe, expect, it } from "vitest";
import { budgetByEffort, effortForBudget } from "./reasoning-budget.js";

describe("effortForBudget", () => {
  it("maps budgets to the smallest effort that covers them", () => {
    expect(effortForBudget(1024)).toBe("low");
    expect(effortForBudget(2048)).toBe("low");
    expect(effortForBudget(2049)).toBe("medium");
    expect(effortForBudget(8192)).toBe("medium");
    expect(effortForBudget(8193)).toBe("high");
    expect(effortForBudget(32000)).toBe("high");
  });

  it("turns the budget the Anthropic encoder picks for low, medium and high back into that effort", () => {
    for (const effort of ["low", "medium", "high"] as const) {
      expect(effortForBudget(budgetByEffort[effort])).toBe(effort);
    }
  });

  it("caps xhigh and max budgets at high, the level every OpenAI reasoning model takes", () => {
    expect(effortForBudget(budgetByEffort.xhigh)).toBe("high");
    expect(effortForBudget(budgetByEffort.max)).toBe("high");
  });
});
