import { describe, expect, it } from "vitest";
import { ModelCatalog } from "./model-catalog.js";

const document = (...ids: string[]) => ({
  data: ids.map((id) => ({
    id,
    name: id,
    object: "model",
    vendor: "OpenAI",
    model_picker_enabled: true,
    capabilities: { type: "chat", family: id, limits: {}, supports: { streaming: true } },
    supported_endpoints: ["/chat/completions"],
  })),
});

describe("the Copilot model catalog", () => {
  it("answers from a stale list at once while one refetch runs, and keeps it when the refetch fails", async () => {
    let clock = 0;
    const answers: Array<() => Promise<unknown>> = [
      async () => document("gpt-4.1"),
      () => Promise.reject(new Error("GitHub is down")),
      async () => document("gpt-4.1", "gpt-5"),
    ];
    let fetches = 0;
    const refreshErrors: unknown[] = [];
    const catalog = new ModelCatalog({
      fetchModels: () => (answers[fetches++] as () => Promise<unknown>)(),
      maxAgeMs: 1_000,
      now: () => clock,
      onRefreshError: (error) => refreshErrors.push(error),
    });
    expect((await catalog.list()).map((model) => model.id)).toEqual(["gpt-4.1"]);
    clock = 2_000;
    const [first, second] = await Promise.all([catalog.list(), catalog.list()]);
    expect(first.map((model) => model.id)).toEqual(["gpt-4.1"]);
    expect(second).toBe(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetches).toBe(2);
    expect(refreshErrors).toHaveLength(1);
    await catalog.list();
    await new Promise((resolve) => setImmediate(resolve));
    expect(catalog.cached()?.map((model) => model.id)).toEqual(["gpt-4.1", "gpt-5"]);
  });

  it("lets the first fetch's failure reach the caller, since there is no list to fall back on", async () => {
    const catalog = new ModelCatalog({ fetchModels: () => Promise.reject(new Error("no sign-in")) });
    await expect(catalog.list()).rejects.toThrow("no sign-in");
  });
});
