import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import type { ModelInfo, Provider } from "../providers/provider.js";
import { PlanCache } from "./plan-cache.js";
import type { PolicyTable } from "./plan-route.js";

/** A provider whose catalog the test changes, counting how often it is asked. */
function catalogProvider(models: ModelInfo[]): Provider & { asked: number } {
  const provider = {
    id: "p",
    type: "openai-compatible",
    asked: 0,
    listModels: async () => models,
    resolveModel: async (name: string) => {
      provider.asked += 1;
      return models.find((model) => model.id === name);
    },
    send: async () => {
      throw new Error("not used");
    },
    close: async () => undefined,
  };
  return provider;
}

function tableWith(provider: Provider): PolicyTable {
  const config = configFromObject({ models: { coder: "p/small" } });
  return {
    aliases: config.models,
    providers: new Map([["p", provider]]),
    routes: config.routes,
    router: config.router,
  };
}

describe("PlanCache", () => {
  it("reuses a plan within its lifetime without asking the catalog again", async () => {
    const provider = catalogProvider([{ id: "small", apis: ["openai-chat"] }]);
    let now = 1_000;
    const plans = new PlanCache(tableWith(provider), { ttlMs: 5_000, now: () => now });
    expect(plans.cached("coder")).toBeUndefined();
    const first = await plans.plan("coder");
    const asked = provider.asked;
    now += 4_999;
    expect(plans.cached("coder")).toBe(first);
    expect(await plans.plan("coder")).toBe(first);
    expect(provider.asked).toBe(asked);
  });

  it("plans again once the lifetime is over, and sees a catalog that changed", async () => {
    const models: ModelInfo[] = [{ id: "small", apis: ["openai-chat"] }];
    const provider = catalogProvider(models);
    let now = 0;
    const plans = new PlanCache(tableWith(provider), { ttlMs: 5_000, now: () => now });
    const first = await plans.plan("coder");
    expect(first.targets.get("p/small")?.model.apis).toEqual(["openai-chat"]);
    models[0] = { id: "small", apis: ["openai-responses", "openai-chat"] };
    now = 5_000;
    expect(plans.cached("coder")).toBeUndefined();
    const second = await plans.plan("coder");
    expect(second).not.toBe(first);
    expect(second.targets.get("p/small")?.model.apis).toEqual(["openai-responses", "openai-chat"]);
  });

  it("does not keep a failure: a name unknown now is found once the catalog has it", async () => {
    const models: ModelInfo[] = [];
    const plans = new PlanCache(tableWith(catalogProvider(models)), { now: () => 0 });
    await expect(plans.plan("late")).rejects.toMatchObject({ code: "model_not_found" });
    models.push({ id: "late", apis: ["openai-chat"] });
    const route = await plans.plan("late");
    expect(route.plan.groups[0]?.deployments.map((deployment) => deployment.key)).toEqual(["p/late"]);
  });

  it("stays bounded when clients send many names", async () => {
    const models = Array.from({ length: 10 }, (_, index): ModelInfo => ({ id: `m${index}`, apis: ["openai-chat"] }));
    const plans = new PlanCache(tableWith(catalogProvider(models)), { maxEntries: 4, now: () => 0 });
    for (let index = 0; index < 4; index += 1) await plans.plan(`p/m${index}`);
    expect(plans.cached("p/m0")).toBeDefined();
    await plans.plan("p/m4");
    // Full: the cache started over, so the oldest names are planned again when next asked.
    expect(plans.cached("p/m0")).toBeUndefined();
    expect(plans.cached("p/m4")).toBeDefined();
  });
});
