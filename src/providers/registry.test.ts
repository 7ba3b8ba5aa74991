import { describe, expect, it } from "vitest";
import { testProviderContext } from "../../test/fake-upstream/index.js";
import { providerTypes } from "./registry.js";

describe("provider registry", () => {
  it("registers the HTTP-API provider types and the presets as shorthand types", () => {
    expect(Object.keys(providerTypes)).toEqual(
      expect.arrayContaining(["openai", "anthropic", "openai-compatible", "ollama", "vllm", "openrouter"]),
    );
    const ollama = providerTypes["ollama"]?.create("ollama", {}, testProviderContext());
    expect(ollama).toMatchObject({ id: "ollama", type: "openai-compatible" });
  });

  it("detects providers from their usual environment variables", async () => {
    expect(await providerTypes["openai"]?.detect?.({ OPENAI_API_KEY: "sk" }, "/nonexistent")).toEqual({
      type: "openai",
    });
    expect(await providerTypes["anthropic"]?.detect?.({}, "/nonexistent")).toBeUndefined();
    expect(await providerTypes["openrouter"]?.detect?.({ OPENROUTER_API_KEY: "k" }, "/nonexistent")).toEqual({
      type: "openrouter",
    });
  });
});
