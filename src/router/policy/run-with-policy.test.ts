import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { DeploymentHealth } from "./deployment-health.js";
import type { Deployment } from "./order-deployments.js";
import { defaultRoutePolicy, type RoutePlan } from "./route-policy.js";
import { RoutingFailure, runWithPolicy } from "./run-with-policy.js";

const noWait = { baseMs: 0, maxMs: 0 };

function deployment(provider: string, model = "m", extra: Partial<Deployment> = {}): Deployment {
  return { key: `${provider}/${model}`, provider, model, weight: 1, ...extra };
}

function plan(groups: Deployment[][], overrides: Parameters<typeof defaultRoutePolicy>[0] = {}): RoutePlan {
  return {
    groups: groups.map((deployments, index) => ({ name: `g${index}`, deployments, strategy: "weighted" })),
    policy: defaultRoutePolicy({ maxRetryWaitMs: 0, ...overrides }),
  };
}

const rateLimited = (provider: string, retryAfter?: number) =>
  new GatewayError("rate_limited", "slow down", {
    upstream: { provider, status: 429, ...(retryAfter === undefined ? {} : { retryAfter }) },
  });
const serverError = (provider: string) =>
  new GatewayError("upstream_error", "boom", { upstream: { provider, status: 500 } });

function run(routePlan: RoutePlan, attempt: (target: Deployment) => Promise<string>, health = new DeploymentHealth()) {
  return runWithPolicy({ plan: routePlan, health, attempt, signal: new AbortController().signal, backoff: noWait });
}

describe("runWithPolicy", () => {
  it("moves to the next target of the chain on a quota error, and reports both attempts", async () => {
    const result = await run(plan([[deployment("copilot")], [deployment("openrouter")]]), async (target) => {
      if (target.provider === "copilot")
        throw new GatewayError("quota_exceeded", "premium requests used up", {
          upstream: { provider: "copilot", status: 402 },
        });
      return "served by openrouter";
    });
    expect(result.value).toBe("served by openrouter");
    expect(result.attempts).toEqual([
      { provider: "copilot", model: "m", outcome: "quota_exceeded", status: 402 },
      { provider: "openrouter", model: "m", outcome: "ok" },
    ]);
  });

  it("retries a server error on the same target before moving on", async () => {
    let calls = 0;
    const result = await run(plan([[deployment("a")], [deployment("b")]], { retries: 2 }), async (target) => {
      calls += 1;
      if (calls === 1) throw serverError(target.provider);
      return target.provider;
    });
    expect(result.value).toBe("a");
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["upstream_error", "ok"]);
  });

  it("does not wait on the same target when retry-after is longer than allowed, and falls back", async () => {
    const seen: string[] = [];
    const result = await run(
      plan([[deployment("a")], [deployment("b")]], { retries: 3, maxRetryWaitMs: 1000 }),
      async (target) => {
        seen.push(target.provider);
        if (target.provider === "a") throw rateLimited("a", 30);
        return "b";
      },
    );
    expect(seen).toEqual(["a", "b"]);
    expect(result.value).toBe("b");
  });

  it("stops with the error when its class is not in the route's fallback list", async () => {
    const failure = await run(
      plan([[deployment("a")], [deployment("b")]], { retries: 0, fallbackOn: new Set(["server_error"]) }),
      async () => {
        throw rateLimited("a", 1);
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RoutingFailure);
    expect((failure as RoutingFailure).error.code).toBe("rate_limited");
    expect((failure as RoutingFailure).attempts).toHaveLength(1);
  });

  it("never falls back on a bad request: another target would refuse it too", async () => {
    const seen: string[] = [];
    const failure = await run(plan([[deployment("a")], [deployment("b")]]), async (target) => {
      seen.push(target.provider);
      throw new GatewayError("invalid_request", "messages.0.content: expected a string");
    }).then(
      () => {
        throw new Error("expected a failure");
      },
      (error: unknown) => error as RoutingFailure,
    );
    expect(seen).toEqual(["a"]);
    expect(failure.error.code).toBe("invalid_request");
  });

  it("after a context-window error skips targets whose window is not larger", async () => {
    const seen: string[] = [];
    const result = await run(
      plan([
        [deployment("small", "m", { contextWindow: 128_000 })],
        [deployment("same", "m", { contextWindow: 128_000 })],
        [deployment("large", "m", { contextWindow: 1_000_000 })],
      ]),
      async (target) => {
        seen.push(target.provider);
        if (target.provider !== "large")
          throw new GatewayError("context_length_exceeded", "prompt is too long", {
            upstream: { provider: target.provider, status: 400 },
          });
        return "large";
      },
    );
    expect(seen).toEqual(["small", "large"]);
    expect(result.value).toBe("large");
  });

  it("gives up when the deadline has passed", async () => {
    let clock = 0;
    const failure = await runWithPolicy({
      plan: plan([[deployment("a")], [deployment("b")]], { deadlineMs: 100, retries: 0 }),
      health: new DeploymentHealth(),
      signal: new AbortController().signal,
      backoff: noWait,
      now: () => clock,
      attempt: async (target) => {
        clock += 150;
        throw serverError(target.provider);
      },
    }).then(
      () => {
        throw new Error("expected a failure");
      },
      (error: unknown) => error as RoutingFailure,
    );
    expect(failure.attempts).toHaveLength(1);
    expect(failure.error.code).toBe("upstream_error");
  });

  it("cools a failing deployment down, routes around it, then probes it once before it returns", async () => {
    let clock = 0;
    const health = new DeploymentHealth({ allowedFails: 2, cooldownMs: 1000, latencySmoothing: 0.5 }, () => clock);
    const routePlan = plan([[deployment("flaky"), deployment("steady")]], { retries: 0 });
    let flakyDown = true;
    const attempt = async (target: Deployment) => {
      if (target.provider === "flaky" && flakyDown) throw serverError("flaky");
      return target.provider;
    };
    const runOnce = () =>
      runWithPolicy({
        plan: routePlan,
        health,
        attempt,
        signal: new AbortController().signal,
        backoff: noWait,
        now: () => clock,
        random: () => 0.99,
      });
    for (let index = 0; index < 4; index += 1) (await runOnce()).release();
    expect(health.availability("flaky/m")).toBe("cooling");
    const whileCooling = await runOnce();
    expect(whileCooling.attempts).toEqual([{ provider: "steady", model: "m", outcome: "ok" }]);
    whileCooling.release();
    clock += 1500;
    flakyDown = false;
    expect(health.availability("flaky/m")).toBe("probe");
    const probe = await runOnce();
    expect(probe.value).toBe("flaky");
    probe.release();
    expect(health.availability("flaky/m")).toBe("available");
  });

  it("a probe that ends with no verdict (the request itself refused) lets the next request probe", async () => {
    let clock = 0;
    const health = new DeploymentHealth({ allowedFails: 1, cooldownMs: 1000, latencySmoothing: 0.5 }, () => clock);
    const routePlan = plan([[deployment("flaky")]], { retries: 0 });
    const runWith = (attempt: (target: Deployment) => Promise<string>) =>
      runWithPolicy({
        plan: routePlan,
        health,
        attempt,
        signal: new AbortController().signal,
        backoff: noWait,
        now: () => clock,
      });
    await expect(runWith(async () => Promise.reject(serverError("flaky")))).rejects.toBeInstanceOf(RoutingFailure);
    clock += 1500;
    expect(health.availability("flaky/m")).toBe("probe");
    const refused = new GatewayError("invalid_request", "bad tool schema", {
      upstream: { provider: "flaky", status: 400 },
    });
    await expect(runWith(async () => Promise.reject(refused))).rejects.toBeInstanceOf(RoutingFailure);
    expect(health.availability("flaky/m")).toBe("probe");
    const next = await runWith(async (target) => target.provider);
    next.release();
    expect(health.availability("flaky/m")).toBe("available");
  });

  it("leaves no listener behind on a client signal that serves many requests (a WebSocket's)", async () => {
    const connection = new AbortController();
    for (let index = 0; index < 20; index += 1) {
      const result = await runWithPolicy({
        plan: plan([[deployment("a")]]),
        health: new DeploymentHealth(),
        attempt: async () => "ok",
        signal: connection.signal,
        backoff: noWait,
      });
      result.release();
    }
    expect(getEventListeners(connection.signal, "abort")).toHaveLength(0);
  });

  it("counts requests in flight until released, and least-busy avoids the busy deployment", async () => {
    const health = new DeploymentHealth();
    const routePlan: RoutePlan = {
      groups: [{ name: "g", deployments: [deployment("a"), deployment("b")], strategy: "least-busy" }],
      policy: defaultRoutePolicy(),
    };
    const first = await runWithPolicy({
      plan: routePlan,
      health,
      attempt: async (target) => target.provider,
      signal: new AbortController().signal,
    });
    const second = await runWithPolicy({
      plan: routePlan,
      health,
      attempt: async (target) => target.provider,
      signal: new AbortController().signal,
    });
    expect(second.value).not.toBe(first.value);
    expect(health.inFlight("a/m") + health.inFlight("b/m")).toBe(2);
    first.release();
    first.release();
    second.release();
    expect(health.inFlight("a/m") + health.inFlight("b/m")).toBe(0);
  });

  it("prefers the deployment with the lowest time to first token once both are measured", async () => {
    let clock = 0;
    const health = new DeploymentHealth(undefined, () => clock);
    const routePlan: RoutePlan = {
      groups: [{ name: "g", deployments: [deployment("slow"), deployment("fast")], strategy: "latency" }],
      policy: defaultRoutePolicy(),
    };
    const attempt = async (target: Deployment) => {
      clock += target.provider === "slow" ? 900 : 100;
      return target.provider;
    };
    const options = { plan: routePlan, health, attempt, signal: new AbortController().signal, now: () => clock };
    (await runWithPolicy(options)).release();
    (await runWithPolicy(options)).release();
    const third = await runWithPolicy(options);
    expect(third.value).toBe("fast");
  });

  it("spreads load by weight", async () => {
    const health = new DeploymentHealth();
    const routePlan: RoutePlan = {
      groups: [
        {
          name: "g",
          deployments: [deployment("heavy", "m", { weight: 3 }), deployment("light", "m", { weight: 1 })],
          strategy: "weighted",
        },
      ],
      policy: defaultRoutePolicy(),
    };
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const counts = { heavy: 0, light: 0 };
    for (let index = 0; index < 2000; index += 1) {
      const result = await runWithPolicy({
        plan: routePlan,
        health,
        attempt: async (target) => target.provider as "heavy" | "light",
        signal: new AbortController().signal,
        random,
      });
      counts[result.value] += 1;
      result.release();
    }
    expect(counts.heavy / 2000).toBeGreaterThan(0.7);
    expect(counts.heavy / 2000).toBeLessThan(0.8);
  });
});

describe("class-specific fallback chains", () => {
  it("a context-window error switches to the route's context-window chain", async () => {
    const seen: string[] = [];
    const routePlan: RoutePlan = {
      ...plan([[deployment("primary")], [deployment("general-fallback")]]),
      classFallbacks: {
        context_window: [{ name: "long", deployments: [deployment("long-context")], strategy: "weighted" }],
      },
    };
    const result = await run(routePlan, async (target) => {
      seen.push(target.provider);
      if (target.provider === "primary")
        throw new GatewayError("context_length_exceeded", "too long", {
          upstream: { provider: "primary", status: 400 },
        });
      return target.provider;
    });
    expect(seen).toEqual(["primary", "long-context"]);
    expect(result.value).toBe("long-context");
  });
});
