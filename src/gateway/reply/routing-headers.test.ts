import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { DeploymentHealth } from "../../router/policy/deployment-health.js";
import type { RoutePlan } from "../../router/policy/route-policy.js";
import { defaultRoutePolicy } from "../../router/policy/route-policy.js";
import { failureHeaders, servedHeaders } from "./routing-headers.js";

const plan: RoutePlan = {
  groups: [
    {
      name: "coder",
      strategy: "weighted",
      deployments: [
        { key: "a/m", provider: "a", model: "m", weight: 1 },
        { key: "b/m", provider: "b", model: "m", weight: 1 },
      ],
    },
  ],
  policy: defaultRoutePolicy(),
};

describe("routing headers", () => {
  it("name what served the request and every attempt", () => {
    expect(
      servedHeaders({
        provider: "b",
        model: "m",
        routeName: "coder",
        attempts: [
          { provider: "a", model: "m", outcome: "quota_exceeded", status: 429 },
          { provider: "b", model: "m", outcome: "ok" },
        ],
      }),
    ).toEqual({
      "x-switchboard-provider": "b",
      "x-switchboard-model": "m",
      "x-switchboard-attempts": "2",
      "x-switchboard-attempted": "a/m=quota_exceeded(429), b/m=ok",
      "x-switchboard-route": "coder",
    });
  });

  it("after several attempts: x-should-retry false, and retry-after from the soonest cooldown end", () => {
    const now = 1_000_000;
    const health = new DeploymentHealth({ allowedFails: 1, cooldownMs: 30_000, latencySmoothing: 0.3 }, () => now);
    health.fail("a/m", 12);
    health.fail("b/m", 4.5);
    const error = new GatewayError("rate_limited", "slow down", {
      upstream: { provider: "b", status: 429, retryAfter: 4.5 },
    });
    const attempts = [
      { provider: "a", model: "m", outcome: "rate_limited", status: 429 },
      { provider: "b", model: "m", outcome: "rate_limited", status: 429 },
    ];
    expect(failureHeaders({ error, attempts, plan, health, now })).toMatchObject({
      "x-should-retry": "false",
      "retry-after": "5",
      "retry-after-ms": "4500",
    });
  });

  it("a single attempt leaves retrying to the client; a bad request says nothing about when", () => {
    const health = new DeploymentHealth();
    const error = new GatewayError("invalid_request", "bad");
    const headers = failureHeaders({
      error,
      attempts: [{ provider: "a", model: "m", outcome: "invalid_request", status: 400 }],
      plan,
      health,
      now: Date.now(),
    });
    expect(headers["x-should-retry"]).toBeUndefined();
    expect(headers["retry-after"]).toBeUndefined();
  });
});
