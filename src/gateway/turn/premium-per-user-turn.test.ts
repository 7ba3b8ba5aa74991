import { describe, expect, it } from "vitest";
import type { ModelInfo, Provider } from "../../providers/provider.js";
import type { PlannedTarget, ResolvedRoute } from "../../router/plan-route.js";
import { premiumPerUserTurn } from "./premium-per-user-turn.js";

function target(type: string, billing?: ModelInfo["billing"]): PlannedTarget {
  const model: ModelInfo = { id: "m", apis: ["openai-chat"], ...(billing === undefined ? {} : { billing }) };
  return { provider: { id: type, type } as unknown as Provider, model, dropParams: [] };
}

function route(...targets: PlannedTarget[]): ResolvedRoute {
  return {
    plan: {} as ResolvedRoute["plan"],
    targets: new Map(targets.map((planned, index) => [`${index}`, planned])),
  };
}

describe("premiumPerUserTurn", () => {
  it("is the Copilot model's multiplier, 1 where Copilot gives none, and 0 off Copilot", () => {
    expect(premiumPerUserTurn(route(target("github-copilot", { multiplier: 3 })))).toBe(3);
    expect(premiumPerUserTurn(route(target("github-copilot", { multiplier: 0 })))).toBe(0);
    expect(premiumPerUserTurn(route(target("github-copilot")))).toBe(1);
    expect(premiumPerUserTurn(route(target("openai"), target("anthropic")))).toBe(0);
  });

  it("takes the largest among a route's deployments and fallbacks, since any of them may serve", () => {
    expect(
      premiumPerUserTurn(
        route(
          target("openai"),
          target("github-copilot", { multiplier: 0.33 }),
          target("github-copilot", { multiplier: 1 }),
        ),
      ),
    ).toBe(1);
  });
});
