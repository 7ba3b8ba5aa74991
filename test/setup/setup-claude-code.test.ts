import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupClaudeCode } from "../../src/cli/commands/setup-claude-code.js";
import { SetupError } from "../../src/setup/setup-error.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { existingClaudeSettings, makeFakeHome } from "./fake-home.js";

const key = "sk-switchboard-test-key-0123456789abcdef";
let fake: FakeUpstream;
let configYaml: string;

beforeAll(async () => {
  // An OpenAI-compatible upstream offering Claude models the way Copilot names them.
  fake = await startFakeUpstream({
    apiKey: "sk-up",
    models: [
      "claude-opus-4.5",
      "claude-opus-4.1",
      "claude-sonnet-4",
      "claude-sonnet-4.5",
      "claude-haiku-4.5",
      "gpt-5.1",
    ],
  });
  configYaml = `server:\n  port: 4123\n  api_key: ${key}\n  log_level: silent\nproviders:\n  copilot:\n    type: openai\n    base_url: ${fake.url}/v1\n    api_key: sk-up\n`;
});
afterAll(() => fake.close());

describe("switchboard setup claude-code", () => {
  it("keeps the user's settings, backs the file up, is idempotent and undoes cleanly", async () => {
    const home = await makeFakeHome({ claude: existingClaudeSettings });
    const config = await home.writeConfig(configYaml);
    const settingsPath = join(home.home, ".claude", "settings.json");

    await setupClaudeCode({ config }, home.context());
    const written = JSON.parse(await readFile(settingsPath, "utf8")) as Record<string, unknown>;
    expect(written["permissions"]).toEqual({ allow: ["Bash(npm test)"] });
    expect(written["theme"]).toBe("dark");
    expect(written["env"]).toEqual({
      MY_VARIABLE: "kept",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:4123",
      ANTHROPIC_AUTH_TOKEN: key,
      // The newest model of each family the provider offers.
      ANTHROPIC_DEFAULT_OPUS_MODEL: "copilot/claude-opus-4.5",
      ANTHROPIC_DEFAULT_SONNET_MODEL: "copilot/claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_HAIKU_MODEL: "copilot/claude-haiku-4.5",
      CLAUDE_CODE_SUBAGENT_MODEL: "copilot/claude-sonnet-4.5",
    });
    expect(await readFile(`${settingsPath}.switchboard-backup`, "utf8")).toBe(existingClaudeSettings);
    expect(home.output).toContain(`Claude Code will use http://127.0.0.1:4123 (from ${settingsPath}).`);

    const afterFirst = await readFile(settingsPath, "utf8");
    const modifiedAt = (await stat(settingsPath)).mtimeMs;
    home.output.length = 0;
    await setupClaudeCode({ config }, home.context());
    expect(await readFile(settingsPath, "utf8")).toBe(afterFirst);
    expect((await stat(settingsPath)).mtimeMs).toBe(modifiedAt);
    expect(home.output).toContain(`unchanged ${settingsPath}`);

    await setupClaudeCode({ config, undo: true }, home.context());
    expect(await readFile(settingsPath, "utf8")).toBe(existingClaudeSettings);
    expect(existsSync(`${settingsPath}.switchboard-backup`)).toBe(false);
  });

  it("leaves the settings file that now holds the key readable by its owner only", async () => {
    const home = await makeFakeHome({ claude: existingClaudeSettings });
    const config = await home.writeConfig(configYaml);
    const settingsPath = join(home.home, ".claude", "settings.json");
    // Settings files are usually 0644: the key setup writes into it must not be readable by others.
    await chmod(settingsPath, 0o644);
    await setupClaudeCode({ config }, home.context());
    expect((await stat(settingsPath)).mode & 0o777).toBe(0o600);
    // A file an earlier setup left wider is tightened on the next run, even when nothing else changes.
    await chmod(settingsPath, 0o644);
    await setupClaudeCode({ config }, home.context());
    expect((await stat(settingsPath)).mode & 0o777).toBe(0o600);
    // Undo restores the user's own file (and its key-free text) as it was.
    await setupClaudeCode({ config, undo: true }, home.context());
    expect(await readFile(settingsPath, "utf8")).toBe(existingClaudeSettings);
  });

  it("takes tier models from flags, and --dry-run prints the diff without writing", async () => {
    const home = await makeFakeHome({ claude: existingClaudeSettings });
    const config = await home.writeConfig(configYaml);
    const settingsPath = join(home.home, ".claude", "settings.json");
    await setupClaudeCode(
      { config, dryRun: true, opus: "copilot/claude-opus-4.1", haiku: "copilot/gpt-5.1" },
      home.context(),
    );
    expect(await readFile(settingsPath, "utf8")).toBe(existingClaudeSettings);
    expect(existsSync(`${settingsPath}.switchboard-backup`)).toBe(false);
    const diff = home.output.find((line) => line.includes("+++ "));
    expect(diff).toContain(`+    "ANTHROPIC_DEFAULT_OPUS_MODEL": "copilot/claude-opus-4.1",`);
    expect(diff).toContain(`+    "ANTHROPIC_DEFAULT_HAIKU_MODEL": "copilot/gpt-5.1",`);
    expect(diff).toContain(`+    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4123",`);
  });

  it("in a terminal, asks for each tier: Enter keeps the suggestion, a number or a name picks", async () => {
    const home = await makeFakeHome({ claude: existingClaudeSettings });
    const config = await home.writeConfig(configYaml);
    const questions: string[] = [];
    const answers = ["", "NUMBER", "copilot/gpt-5.1", ""];
    const ask = async (question: string): Promise<string> => {
      questions.push(question);
      const answer = answers[questions.length - 1] ?? "";
      if (answer !== "NUMBER") return answer;
      // The number the listing printed before the questions gives copilot/claude-sonnet-4.
      const listing = home.output.find((line) => line.startsWith("Models your providers offer:")) ?? "";
      return /(\d+)\. copilot\/claude-sonnet-4$/m.exec(listing)?.[1] ?? "?";
    };
    await setupClaudeCode({ config }, home.context({ interactive: true, ask }));
    expect(questions).toEqual([
      "Model for the opus tier [copilot/claude-opus-4.5]: ",
      "Model for the sonnet tier [copilot/claude-sonnet-4.5]: ",
      "Model for the haiku tier [copilot/claude-haiku-4.5]: ",
      // The subagent tier suggests the sonnet model just chosen.
      "Model for the subagent tier [copilot/claude-sonnet-4]: ",
    ]);
    const written = JSON.parse(await readFile(join(home.home, ".claude", "settings.json"), "utf8")) as {
      env: Record<string, string>;
    };
    expect(written.env).toMatchObject({
      ANTHROPIC_DEFAULT_OPUS_MODEL: "copilot/claude-opus-4.5",
      ANTHROPIC_DEFAULT_SONNET_MODEL: "copilot/claude-sonnet-4",
      ANTHROPIC_DEFAULT_HAIKU_MODEL: "copilot/gpt-5.1",
      CLAUDE_CODE_SUBAGENT_MODEL: "copilot/claude-sonnet-4",
    });
  });

  it("asks nothing in a terminal when the tiers are given as flags", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    const ask = async (): Promise<string> => {
      throw new Error("asked although --sonnet was given");
    };
    await setupClaudeCode({ config, sonnet: "copilot/claude-sonnet-4" }, home.context({ interactive: true, ask }));
    const written = JSON.parse(await readFile(join(home.home, ".claude", "settings.json"), "utf8")) as {
      env: Record<string, string>;
    };
    expect(written.env["ANTHROPIC_DEFAULT_SONNET_MODEL"]).toBe("copilot/claude-sonnet-4");
  });

  it("records the key's last 20 characters as approved in ~/.claude.json, keeping Claude Code's state", async () => {
    const state = `{"numStartups": 3, "customApiKeyResponses": {"approved": ["abc"], "rejected": ["${key.slice(-20)}"]}}`;
    const home = await makeFakeHome({ claudeState: state });
    const config = await home.writeConfig(configYaml);
    await setupClaudeCode({ config }, home.context());
    const written = JSON.parse(await readFile(join(home.home, ".claude.json"), "utf8")) as Record<string, unknown>;
    expect(written["numStartups"]).toBe(3);
    expect(written["customApiKeyResponses"]).toEqual({ approved: ["abc", key.slice(-20)], rejected: [] });

    await setupClaudeCode({ config, undo: true }, home.context());
    const undone = JSON.parse(await readFile(join(home.home, ".claude.json"), "utf8")) as Record<string, unknown>;
    expect(undone["customApiKeyResponses"]).toEqual({ approved: ["abc"], rejected: [] });
    // The settings file did not exist before setup, so undo removes it.
    expect(existsSync(join(home.home, ".claude", "settings.json"))).toBe(false);
  });

  it("--undo removes the customApiKeyResponses block setup added, keeping the rest of ~/.claude.json", async () => {
    const state = `{"numStartups": 3, "projects": {"/home/me": {"hasTrustDialogAccepted": true}}}`;
    const home = await makeFakeHome({ claudeState: state });
    const config = await home.writeConfig(configYaml);
    await setupClaudeCode({ config }, home.context());
    await setupClaudeCode({ config, undo: true }, home.context());
    const undone = JSON.parse(await readFile(join(home.home, ".claude.json"), "utf8")) as Record<string, unknown>;
    expect(undone).toEqual(JSON.parse(state));
  });

  it("creates ~/.claude when the HOME has none, private to the user, and says how to install Claude Code", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    await setupClaudeCode({ config }, home.context());
    const folder = await stat(join(home.home, ".claude"));
    expect(folder.mode & 0o777).toBe(0o700);
    expect((await stat(join(home.home, ".claude", "settings.json"))).mode & 0o777).toBe(0o600);
    expect(home.output).toContain(
      "Claude Code is not installed (no `claude` on PATH). Install it: npm install -g @anthropic-ai/claude-code",
    );
  });

  it("never overwrites a settings file that does not parse: names the file and line, changes nothing", async () => {
    const broken = `{\n  "theme": "dark",\n  "env": {\n    "A": 1,\n  }\n}\n`;
    const home = await makeFakeHome({ claude: broken });
    const config = await home.writeConfig(configYaml);
    const settingsPath = join(home.home, ".claude", "settings.json");
    const failure = setupClaudeCode({ config }, home.context());
    await expect(failure).rejects.toBeInstanceOf(SetupError);
    await expect(failure).rejects.toThrow(`${settingsPath}:5: not valid JSON`);
    expect(await readFile(settingsPath, "utf8")).toBe(broken);
    expect(existsSync(`${settingsPath}.switchboard-backup`)).toBe(false);
    expect(existsSync(join(home.home, ".claude.json"))).toBe(false);
  });

  it("--project writes the project's .claude/settings.json; conflicts from the project and the shell are reported", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(configYaml);
    await mkdir(join(home.cwd, ".claude"));
    await writeFile(
      join(home.cwd, ".claude", "settings.local.json"),
      `{"env": {"ANTHROPIC_BASE_URL": "https://router.example"}}`,
    );
    const context = home.context();
    context.env["ANTHROPIC_API_KEY"] = "sk-ant-somebody-else";
    await setupClaudeCode({ config, project: true }, context);
    const written = JSON.parse(await readFile(join(home.cwd, ".claude", "settings.json"), "utf8")) as {
      env: Record<string, string>;
    };
    expect(written.env["ANTHROPIC_BASE_URL"]).toBe("http://127.0.0.1:4123");
    expect(existsSync(join(home.home, ".claude", "settings.json"))).toBe(false);
    expect(home.output).toContain(
      `Conflict: ${join(home.cwd, ".claude", "settings.local.json")} sets ANTHROPIC_BASE_URL=https://router.example, which wins over the user settings in this project. Fix: remove it, or run \`switchboard setup claude-code --project\` here.`,
    );
    expect(
      home.output.some((line) => line.startsWith("Conflict: the shell environment ANTHROPIC_API_KEY is set")),
    ).toBe(true);
  });
});
