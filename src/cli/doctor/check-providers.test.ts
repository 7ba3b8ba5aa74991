import { describe, expect, it } from "vitest";
import { configFromObject } from "../../config/load-config.js";
import type { LoadedConfig } from "../../config/load-config.js";
import { fakeProvider } from "../../gateway/testing/fake-provider.js";
import type { Provider } from "../../providers/provider.js";
import { checkProviders } from "./check-providers.js";
import { renderCheck } from "./check-result.js";

function loadedWith(models: Record<string, unknown>): LoadedConfig {
  return { config: configFromObject({ models }), env: {}, configDir: "/nowhere", implicitProviders: [] };
}

const local = (): Map<string, Provider> =>
  new Map([["local", fakeProvider({ id: "local", models: [{ id: "qwen3", apis: ["openai-chat"] }] })]]);

async function doctorLines(models: Record<string, unknown>): Promise<string[]> {
  return (await checkProviders(loadedWith(models), local())).flatMap(renderCheck);
}

describe("doctor's route checks", () => {
  it("checks every target of a route's chain, fallbacks too, and skips a fallback that is another route", async () => {
    const lines = await doctorLines({
      fast: { deployments: ["local/qwen3"], fallbacks: ["local/gone", "slow"], context_window_fallbacks: ["big"] },
      slow: "local/qwen3",
    });
    expect(lines).toEqual([
      "✓ Provider local (fake): reached and signed in; 1 models",
      "✓ Route fast → local/qwen3: offered by local as qwen3",
      "✗ Route fast → local/gone: not offered by local",
      "    Fix: pick a model the provider lists (`curl …/v1/models`), or fix the provider above",
      "✗ Route fast → big: not offered by local",
      "    Fix: pick a model the provider lists (`curl …/v1/models`), or fix the provider above",
      "✓ Route slow → local/qwen3: offered by local as qwen3",
    ]);
  });

  it("says no provider has the prefix's name instead of blaming a provider the route does not name", async () => {
    const lines = await doctorLines({ fast: "meta-llama/Llama-3-8B" });
    expect(lines).toContain(
      '✗ Route fast → meta-llama/Llama-3-8B: no provider is named "meta-llama", and none of local offers "meta-llama/Llama-3-8B"',
    );
  });
});
