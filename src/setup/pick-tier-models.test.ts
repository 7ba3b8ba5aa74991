import { describe, expect, it } from "vitest";
import { newestOfFamily, pickCodexModel, pickTierModels } from "./pick-tier-models.js";

describe("pickTierModels", () => {
  it("takes the newest model of each family by the version in its name, ignoring dates", () => {
    const offered = [
      "duo/claude-sonnet-4-5-20250929",
      "duo/claude-sonnet-4-6",
      "duo/claude-opus-4-1",
      "duo/claude-opus-4-6",
      "duo/claude-haiku-4-5",
      "duo/gpt-5.2",
    ];
    expect(pickTierModels(offered, {})).toEqual({
      opus: "duo/claude-opus-4-6",
      sonnet: "duo/claude-sonnet-4-6",
      haiku: "duo/claude-haiku-4-5",
      subagent: "duo/claude-sonnet-4-6",
    });
  });

  it("keeps the tiers chosen by flag, fills the others, and leaves out a family nobody offers", () => {
    expect(pickTierModels(["openai/gpt-5.1", "copilot/claude-sonnet-4.5"], { opus: "openai/gpt-5.1" })).toEqual({
      opus: "openai/gpt-5.1",
      sonnet: "copilot/claude-sonnet-4.5",
      subagent: "copilot/claude-sonnet-4.5",
    });
    expect(pickTierModels([], {})).toEqual({});
  });

  it("picks Codex's model: the newest Codex model, else the newest GPT-5", () => {
    expect(pickCodexModel(["a/gpt-5.1-codex", "a/gpt-5.2-codex", "a/gpt-5.5"], undefined)).toBe("a/gpt-5.2-codex");
    expect(pickCodexModel(["a/gpt-5.1", "a/gpt-5.5"], undefined)).toBe("a/gpt-5.5");
    expect(pickCodexModel(["a/gpt-5.1"], "mine")).toBe("mine");
    expect(newestOfFamily(["x/llama3"], "opus")).toBeUndefined();
  });
});
