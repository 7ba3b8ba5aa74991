import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { ModelInfo, Provider } from "../providers/provider.js";
import { planRoute, type PolicyTable } from "./plan-route.js";

function provider(id: string, type: string, models: ModelInfo[]): Provider {
  return {
    id,
    type,
    listModels: async () => models,
    resolveModel: async (name) => models.find((model) => model.id === name),
    send: async () => {
      throw new Error("not used");
    },
    close: async () => undefined,
  };
}

const providers = new Map<string, Provider>([
  ["a", provider("a", "openai", [{ id: "small", apis: ["openai-chat"], contextWindow: 8192 }])],
  ["b", provider("b", "anthropic", [{ id: "large", apis: ["anthropic-messages"], contextWindow: 200_000 }])],
  ["c", provider("c", "openai-compatible", [{ id: "cheap", apis: ["openai-chat"] }])],
]);

function table(file: Record<string, unknown>): PolicyTable {
  const config = configFromObject(file);
  return { aliases: config.models, providers, routes: config.routes, router: config.router };
}

function shape(resolved: Awaited<ReturnType<typeof planRoute>>) {
  return resolved.plan.groups.map((group) => [group.name, group.strategy, group.deployments.map((entry) => entry.key)]);
}

describe("planRoute", () => {
  it("a list is an ordered chain: one group per target, with the global policy", async () => {
    const resolved = await planRoute("coder", table({ models: { coder: ["a/small", "b/large"] } }));
    expect(resolved.routeName).toBe("coder");
    expect(shape(resolved)).toEqual([
      ["coder", "weighted", ["a/small"]],
      ["b/large", "weighted", ["b/large"]],
    ]);
    expect(resolved.plan.policy).toMatchObject({ retries: 0, deadlineMs: 600_000 });
  });

  it("an object: deployments share a group; fallbacks name other routes; the route's policy wins", async () => {
    const resolved = await planRoute(
      "coder",
      table({
        router: { retries: 1, strategy: "latency" },
        models: {
          coder: {
            deployments: [{ target: "a/small", weight: 3, drop_params: ["thinking"] }, "b/large"],
            strategy: "least-busy",
            fallbacks: ["budget"],
            context_window_fallbacks: ["b/large"],
            fallback_on: ["rate_limit"],
            retries: 2,
            deadline_s: 30,
            drop_params: ["metadata"],
          },
          budget: "c/cheap",
        },
      }),
    );
    expect(shape(resolved)).toEqual([
      ["coder", "least-busy", ["a/small", "b/large"]],
      ["budget", "latency", ["c/cheap"]],
    ]);
    expect(resolved.plan.groups[0]?.deployments[0]).toMatchObject({ weight: 3, contextWindow: 8192 });
    expect(resolved.plan.classFallbacks?.context_window?.map((group) => group.name)).toEqual(["b/large"]);
    expect([...resolved.plan.policy.fallbackOn]).toEqual(["rate_limit"]);
    expect(resolved.plan.policy).toMatchObject({ retries: 2, deadlineMs: 30_000 });
    expect(resolved.targets.get("a/small")?.dropParams).toEqual(["metadata", "thinking"]);
    expect(resolved.targets.get("b/large")?.dropParams).toEqual(["metadata"]);
  });

  it("provider/* sends the name the client asked for to that provider, listed or not", async () => {
    const routes = table({ models: { "*": { deployments: ["b/*"], fallbacks: ["c/cheap"] } } });
    const resolved = await planRoute("claude-opus-4-8", routes);
    expect(resolved.routeName).toBe("*");
    expect(shape(resolved)).toEqual([
      ["*", "weighted", ["b/claude-opus-4-8"]],
      ["c/cheap", "weighted", ["c/cheap"]],
    ]);
    expect(resolved.targets.get("b/claude-opus-4-8")?.model.apis).toEqual(["anthropic-messages"]);
  });

  it("a provider/model name with no route of its own is a one-deployment plan", async () => {
    const resolved = await planRoute("a/small", table({ models: { "*": "c/cheap" } }));
    expect(resolved.routeName).toBeUndefined();
    expect(shape(resolved)).toEqual([["a/small", "weighted", ["a/small"]]]);
  });

  it("asks the provider about a direct name once per request (a lookup may list models upstream)", async () => {
    const asked: string[] = [];
    const counting: Provider = {
      ...provider("a", "openai", [{ id: "small", apis: ["openai-chat"] }]),
      resolveModel: async (name) => {
        asked.push(name);
        return name === "small" ? { id: "small", apis: ["openai-chat"] } : undefined;
      },
    };
    await planRoute("a/small", { ...table({}), providers: new Map([["a", counting]]) });
    expect(asked).toEqual(["small"]);
  });

  it("names nothing routes are model_not_found; so is a route none of whose targets exists", async () => {
    await expect(planRoute("nope", table({}))).rejects.toMatchObject({ code: "model_not_found" });
    const failure = await planRoute("broken", table({ models: { broken: ["x/missing"] } })).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).message).toMatch(/"broken" points at "x\/missing"/);
  });
});

describe("a provider's default model", () => {
  it("serves names nothing routes when the config has no catch-all, and not otherwise", async () => {
    const copilot: Provider = {
      ...provider("copilot", "github-copilot", [{ id: "gpt-4.1", apis: ["openai-chat"] }]),
      defaultModel: "gpt-4.1",
    };
    const withDefault = new Map<string, Provider>([...providers, ["copilot", copilot]]);
    const config = configFromObject({});
    const resolved = await planRoute("claude-opus-4-8", {
      aliases: config.models,
      providers: withDefault,
      routes: config.routes,
      router: config.router,
    });
    expect(shape(resolved)).toEqual([["claude-opus-4-8", "weighted", ["copilot/gpt-4.1"]]]);
    await expect(planRoute("claude-opus-4-8", table({}))).rejects.toMatchObject({ code: "model_not_found" });
    const caught = configFromObject({ models: { "*": "c/cheap" } });
    const viaCatchAll = await planRoute("claude-opus-4-8", {
      aliases: caught.models,
      providers: withDefault,
      routes: caught.routes,
      router: caught.router,
    });
    expect(shape(viaCatchAll)[0]?.[2]).toEqual(["c/cheap"]);
  });
});
