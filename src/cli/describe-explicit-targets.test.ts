import { describe, expect, it } from "vitest";
import { configFromObject } from "../config/load-config.js";
import { fakeProvider } from "../gateway/testing/fake-provider.js";
import { describeExplicitTargets } from "./describe-explicit-targets.js";

describe("describeExplicitTargets", () => {
  const providers = new Map([
    [
      "local",
      fakeProvider({
        id: "local",
        models: [
          { id: "qwen3", apis: ["openai-chat"] },
          { id: "org/listed", apis: ["openai-chat"] },
        ],
      }),
    ],
  ]);

  it("warns about a target whose prefix is no provider and that no provider lists, and not about one listed", async () => {
    const { routes } = configFromObject({
      models: { fast: { deployments: ["local/qwen3"], fallbacks: ["meta-llama/Llama-3-8B", "org/listed"] } },
    });
    expect(await describeExplicitTargets({ routes, providers })).toEqual([
      'models.fast: no provider is named "meta-llama" and none lists the model "meta-llama/Llama-3-8B"; requests for it find no provider until one does.',
    ]);
  });
});
