import { describe, expect, it } from "vitest";
import { copilotConfigSchema, resolveCopilotSettings } from "./config.js";

describe("Copilot settings", () => {
  it("default to github.com and api.github.com", () => {
    expect(resolveCopilotSettings(copilotConfigSchema.parse({ type: "github-copilot" }), {})).toEqual({
      configToken: undefined,
      githubUrl: "https://github.com",
      githubApiUrl: "https://api.github.com",
      githubHost: "github.com",
      baseUrl: undefined,
      backgroundModel: undefined,
      defaultModel: undefined,
      pacing: { maxConcurrency: 4, minIntervalMs: 250, maxQueueWaitMs: 30_000 },
    });
  });

  it("take the pacing keys", () => {
    const entry = copilotConfigSchema.parse({ max_concurrency: 2, min_request_interval_ms: 0, max_queue_wait_s: 5 });
    expect(resolveCopilotSettings(entry, {}).pacing).toEqual({
      maxConcurrency: 2,
      minIntervalMs: 0,
      maxQueueWaitMs: 5000,
    });
  });

  it("use /api/v3 on GitHub Enterprise Server, and let the environment override the file", () => {
    const entry = copilotConfigSchema.parse({ github_url: "https://ghe.example.com/", default_model: "gpt-4.1" });
    const settings = resolveCopilotSettings(entry, {});
    expect(settings.githubApiUrl).toBe("https://ghe.example.com/api/v3");
    expect(settings.githubHost).toBe("ghe.example.com");
    expect(settings.defaultModel).toBe("gpt-4.1");
    const overridden = resolveCopilotSettings(entry, {
      GITHUB_COPILOT_ENDPOINT: "https://api.ghe.example.com",
      GITHUB_COPILOT_MODEL: "claude-sonnet-4.5",
    });
    expect(overridden.githubApiUrl).toBe("https://api.ghe.example.com");
    expect(overridden.defaultModel).toBe("claude-sonnet-4.5");
  });

  it("reject a malformed URL", () => {
    expect(copilotConfigSchema.safeParse({ github_url: "not a url" }).success).toBe(false);
  });
});
