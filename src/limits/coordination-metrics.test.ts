import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { registerCoordinationMetrics } from "./coordination-metrics.js";
import type { CoordinationHealth } from "./fallback-limit-engine.js";

describe("the coordination metrics", () => {
  it("count the per-process decisions as a counter, and say whether Redis is up", async () => {
    const registry = new Registry();
    let health: CoordinationHealth = { engine: "memory", redisUp: false, fallbackDecisions: 3 };
    registerCoordinationMetrics(registry, () => health);
    expect(await registry.metrics()).toContain("# TYPE switchboard_limit_fallback_decisions_total counter");
    expect(await registry.metrics()).toContain("switchboard_limit_fallback_decisions_total 3");
    health = { engine: "redis", redisUp: true, fallbackDecisions: 5 };
    const text = await registry.metrics();
    expect(text).toContain("switchboard_limit_fallback_decisions_total 5");
    expect(text).toContain("switchboard_redis_up 1");
  });
});
