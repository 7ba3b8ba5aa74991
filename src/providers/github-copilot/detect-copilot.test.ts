import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { providerTypes } from "../registry.js";
import { detectCopilot } from "./detect-copilot.js";
import { saveGithubToken } from "./saved-github-token.js";

describe("Copilot detection without a config file", () => {
  it("offers a copilot entry when a login exists, unless GITHUB_COPILOT_ENABLED=false", async () => {
    const home = await mkdtemp(join(tmpdir(), "switchboard-detect-"));
    const configDir = join(home, "switchboard");
    expect(await detectCopilot({ HOME: home }, configDir)).toBeUndefined();
    expect(await detectCopilot({ HOME: home, GH_TOKEN: "ghu_x" }, configDir)).toEqual({ type: "github-copilot" });
    await saveGithubToken(configDir, { token: "ghu_saved", host: "github.com" });
    expect(await detectCopilot({ HOME: home }, configDir)).toEqual({ type: "github-copilot" });
    expect(await detectCopilot({ HOME: home, GITHUB_COPILOT_ENABLED: "false" }, configDir)).toBeUndefined();
    expect(providerTypes["github-copilot"]?.defaultId).toBe("copilot");
  });
});
