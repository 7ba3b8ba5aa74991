import { describe, expect, it } from "vitest";
import type { ModelInfo } from "../provider.js";
import { resolveCopilotModel } from "./resolve-copilot-model.js";

const model = (id: string, enabled = true): ModelInfo => ({
  id,
  apis: ["anthropic-messages"],
  ...(enabled ? {} : { notEnabled: { state: "unconfigured", fix: "enable it" } }),
});

describe("resolveCopilotModel", () => {
  const models = [model("claude-opus-4.5"), model("claude-opus-4.8", false), model("claude-sonnet-4.5")];

  it("serves a Claude name it does not offer with the newest of the family the account has enabled", () => {
    expect(resolveCopilotModel(models, "claude-opus-4-9")?.id).toBe("claude-opus-4.5");
  });

  it("still serves a name that means a model not enabled with that model, whose 403 says how to enable it", () => {
    expect(resolveCopilotModel(models, "claude-opus-4-8")?.id).toBe("claude-opus-4.8");
  });

  it("falls back to a model not enabled only when the family has no other", () => {
    expect(resolveCopilotModel([model("claude-opus-4.8", false)], "claude-opus-4-9")?.id).toBe("claude-opus-4.8");
    expect(resolveCopilotModel(models, "claude-haiku-4-5")).toBeUndefined();
  });
});
