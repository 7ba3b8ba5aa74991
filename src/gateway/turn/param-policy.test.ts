import { describe, expect, it } from "vitest";
import type { ModelInfo, Provider } from "../../providers/provider.js";
import type { PlannedTarget } from "../../router/plan-route.js";
import { shapeBodyForTarget } from "./param-policy.js";

function target(model: Partial<ModelInfo>, dropParams: string[] = []): PlannedTarget {
  return {
    provider: { id: "p" } as Provider,
    model: { id: "m", apis: ["anthropic-messages"], ...model },
    dropParams,
  };
}

describe("shapeBodyForTarget", () => {
  const body = { model: "x", thinking: { type: "enabled", budget_tokens: 1024 }, metadata: { user_id: "u" } };
  const rawBody = Buffer.from(JSON.stringify(body));

  it("keeps the client's bytes when nothing applies", () => {
    const shaped = shapeBodyForTarget({
      clientApi: "anthropic-messages",
      body,
      rawBody,
      target: target({}),
      policy: { dropUnsupported: true, alwaysDrop: ["temperature"] },
    });
    expect(shaped.rawBody).toBe(rawBody);
    expect(shaped.warnings).toEqual([]);
  });

  it("drops the target's, the global and the capability-based parameters, each with a warning", () => {
    const shaped = shapeBodyForTarget({
      clientApi: "anthropic-messages",
      body,
      rawBody,
      target: target({ capabilities: { reasoning: false } }, ["metadata"]),
      policy: { dropUnsupported: true, alwaysDrop: [] },
    });
    expect(JSON.parse(shaped.rawBody.toString("utf8"))).toEqual({ model: "x" });
    expect(shaped.warnings.map((warning) => warning.feature).sort()).toEqual(["metadata", "thinking"]);
    expect(shaped.warnings.find((warning) => warning.feature === "thinking")?.detail).toMatch(/no reasoning/);
  });

  it("with drop_params off, leaves a parameter the model may not support for the upstream to judge", () => {
    const shaped = shapeBodyForTarget({
      clientApi: "anthropic-messages",
      body,
      rawBody,
      target: target({ capabilities: { reasoning: false } }),
      policy: { dropUnsupported: false, alwaysDrop: [] },
    });
    expect(shaped.body).toBe(body);
  });
});
