import { describe, expect, it } from "vitest";
import { resolveGitlabDuoSettings } from "./config.js";

describe("gitlab-duo settings", () => {
  it("defaults to gitlab.com and cloud.gitlab.com, with the token from GITLAB_TOKEN", () => {
    expect(
      resolveGitlabDuoSettings({ id: "duo", config: { type: "gitlab-duo" }, env: { GITLAB_TOKEN: "glpat-x" } }),
    ).toEqual({
      personalAccessToken: "glpat-x",
      instanceUrl: "https://gitlab.com",
      gatewayUrl: "https://cloud.gitlab.com",
      models: {},
    });
  });

  it("takes a self-managed instance from GITLAB_INSTANCE_URL and expands ${NAME} references", () => {
    const settings = resolveGitlabDuoSettings({
      id: "duo",
      config: { token: "${MY_PAT}", gateway_url: "https://ai-gateway.example.com/" },
      env: { MY_PAT: "glpat-y", GITLAB_INSTANCE_URL: "https://gitlab.example.com/" },
    });
    expect(settings).toMatchObject({
      personalAccessToken: "glpat-y",
      instanceUrl: "https://gitlab.example.com",
      gatewayUrl: "https://ai-gateway.example.com",
    });
  });

  it("prefers the config's instance_url over the environment", () => {
    const settings = resolveGitlabDuoSettings({
      id: "duo",
      config: { token: "glpat-z", instance_url: "https://gitlab.internal" },
      env: { GITLAB_INSTANCE_URL: "https://elsewhere.example" },
    });
    expect(settings.instanceUrl).toBe("https://gitlab.internal");
  });
});
