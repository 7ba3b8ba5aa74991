import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "@decimalturn/toml-patch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { setupCodex } from "../../src/cli/commands/setup-codex.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { makeFakeHome } from "./fake-home.js";

// The fake Copilot lists claude-opus-4.8 with `policy.state: "unconfigured"` and refuses it with a 403.
let github: FakeGithub;
let configYaml: string;

beforeAll(async () => {
  github = await startFakeGithub();
  configYaml = [
    "server:\n  port: 4125\n  log_level: silent\nproviders:\n  copilot:\n    type: github-copilot\n    token: ghu_valid",
    `    github_url: ${github.githubUrl}\n    github_api_url: ${github.apiUrl}\n`,
  ].join("\n");
});
afterAll(() => github.close());

describe("setup against a Copilot account that has not enabled every model", () => {
  it("setup claude-code never writes a model the account cannot use, and says which it skipped and how to enable it", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    await setupClaudeCode({ config }, home.context());
    const written = JSON.parse(await readFile(join(home.home, ".claude", "settings.json"), "utf8")) as {
      env: Record<string, string>;
    };
    // No usable opus (and no haiku): those tiers take the best usable model instead of the refused one.
    expect(written.env).toMatchObject({
      ANTHROPIC_DEFAULT_OPUS_MODEL: "copilot/claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_SONNET_MODEL: "copilot/claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_HAIKU_MODEL: "copilot/claude-sonnet-4.5",
      CLAUDE_CODE_SUBAGENT_MODEL: "copilot/claude-sonnet-4.5",
    });
    expect(JSON.stringify(written)).not.toContain("claude-opus-4.8");
    expect(home.output).toContain(
      "Skipped copilot/claude-opus-4.8 for the opus tier: this account cannot use it yet (policy unconfigured). To use it, enable it at https://github.com/settings/copilot/features (or ask your organisation's admin to allow it), then run setup again.",
    );
  });

  it("keeps a model the user names by flag, with a note that the account has not enabled it", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    await setupClaudeCode({ config, opus: "copilot/claude-opus-4.8" }, home.context());
    const written = JSON.parse(await readFile(join(home.home, ".claude", "settings.json"), "utf8")) as {
      env: Record<string, string>;
    };
    expect(written.env["ANTHROPIC_DEFAULT_OPUS_MODEL"]).toBe("copilot/claude-opus-4.8");
    expect(home.output).toContain(
      "Note: copilot/claude-opus-4.8 is not enabled for this account yet (policy unconfigured); enable it at https://github.com/settings/copilot/features (or ask your organisation's admin to allow it).",
    );
  });

  it("in a terminal, lists the model the account has not enabled, marked, but does not suggest it", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    const questions: string[] = [];
    const ask = async (question: string): Promise<string> => {
      questions.push(question);
      return "";
    };
    await setupClaudeCode({ config }, home.context({ interactive: true, ask }));
    expect(home.output.join("\n")).toContain(
      "copilot/claude-opus-4.8 (not enabled for this account: enable it at https://github.com/settings/copilot/features",
    );
    expect(questions[0]).toBe("Model for the opus tier [copilot/claude-sonnet-4.5]: ");
  });

  it("setup codex picks a model the account can use", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    await setupCodex({ config }, home.context());
    const written = parse(await readFile(join(home.home, ".codex", "config.toml"), "utf8")) as Record<string, unknown>;
    expect(written["model"]).toBe("copilot/gpt-5.1-codex");
    expect(home.output).toContain("Codex will use http://127.0.0.1:4125/v1 with model copilot/gpt-5.1-codex.");
  });
});
