import { describe, expect, it } from "vitest";
import {
  describeSkipped,
  newestOfFamily,
  pickCodexModel,
  pickTierModels,
  type OfferedModel,
} from "./pick-tier-models.js";

const offer = (...ids: string[]): OfferedModel[] => ids.map((id) => ({ id }));
const notEnabled = (id: string): OfferedModel => ({
  id,
  notEnabled: { state: "unconfigured", fix: "enable it at https://github.com/settings/copilot/features" },
});

describe("pickTierModels", () => {
  it("takes the newest model of each family by the version in its name, ignoring dates", () => {
    const offered = offer(
      "duo/claude-sonnet-4-5-20250929",
      "duo/claude-sonnet-4-6",
      "duo/claude-opus-4-1",
      "duo/claude-opus-4-6",
      "duo/claude-haiku-4-5",
      "duo/gpt-5.2",
    );
    expect(pickTierModels(offered, {})).toEqual({
      tiers: {
        opus: "duo/claude-opus-4-6",
        sonnet: "duo/claude-sonnet-4-6",
        haiku: "duo/claude-haiku-4-5",
        subagent: "duo/claude-sonnet-4-6",
      },
      skipped: [],
    });
  });

  it("keeps the tiers chosen by flag, fills the others from another Claude family, and leaves all out with none", () => {
    expect(
      pickTierModels(offer("openai/gpt-5.1", "copilot/claude-sonnet-4.5"), { opus: "openai/gpt-5.1" }).tiers,
    ).toEqual({
      opus: "openai/gpt-5.1",
      sonnet: "copilot/claude-sonnet-4.5",
      haiku: "copilot/claude-sonnet-4.5",
      subagent: "copilot/claude-sonnet-4.5",
    });
    expect(pickTierModels([], {})).toEqual({ tiers: {}, skipped: [] });
    expect(pickTierModels(offer("ollama/llama3"), {})).toEqual({ tiers: {}, skipped: [] });
  });

  it("passes over a model the account has not enabled: the newest usable one of the family, and says so", () => {
    const offered = [
      notEnabled("copilot/claude-opus-4.8"),
      ...offer("copilot/claude-opus-4.5", "copilot/claude-sonnet-4.5"),
    ];
    const pick = pickTierModels(offered, {});
    expect(pick.tiers.opus).toBe("copilot/claude-opus-4.5");
    expect(describeSkipped(pick.skipped)).toEqual([
      "Skipped copilot/claude-opus-4.8 for the opus tier: this account cannot use it yet (policy unconfigured). To use it, enable it at https://github.com/settings/copilot/features, then run setup again.",
    ]);
  });

  it("falls back to the best usable model when no model of the family is usable (never to the refused one)", () => {
    const offered = [notEnabled("copilot/claude-opus-4.8"), ...offer("copilot/claude-sonnet-4.5", "copilot/gpt-4.1")];
    const pick = pickTierModels(offered, {});
    expect(pick.tiers).toEqual({
      opus: "copilot/claude-sonnet-4.5",
      sonnet: "copilot/claude-sonnet-4.5",
      haiku: "copilot/claude-sonnet-4.5",
      subagent: "copilot/claude-sonnet-4.5",
    });
    expect(pick.skipped).toEqual([{ tier: "opus", model: notEnabled("copilot/claude-opus-4.8") }]);
  });

  it("picks Codex's model: the newest usable Codex model, else the newest GPT-5, else any usable model", () => {
    expect(pickCodexModel(offer("a/gpt-5.1-codex", "a/gpt-5.2-codex", "a/gpt-5.5"), undefined).model).toBe(
      "a/gpt-5.2-codex",
    );
    expect(pickCodexModel(offer("a/gpt-5.1", "a/gpt-5.5"), undefined).model).toBe("a/gpt-5.5");
    expect(pickCodexModel(offer("a/gpt-5.1"), "mine").model).toBe("mine");
    expect(pickCodexModel([notEnabled("a/gpt-5.3-codex"), ...offer("a/llama3")], undefined)).toEqual({
      model: "a/llama3",
      skipped: [{ tier: "codex", model: notEnabled("a/gpt-5.3-codex") }],
    });
    expect(newestOfFamily(["x/llama3"], "opus")).toBeUndefined();
  });
});
