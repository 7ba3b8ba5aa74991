import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OfferedModel } from "../../setup/pick-tier-models.js";
import { claudeTierVariables, codexModelArguments, codexModelChosen } from "./launch-models.js";

const offered: OfferedModel[] = [
  { id: "copilot/claude-sonnet-4.5" },
  { id: "copilot/claude-opus-4.8", notEnabled: { state: "unconfigured", fix: "enable it at github.com" } },
  { id: "copilot/gpt-5.1-codex" },
];
const emptyHome = async (): Promise<NodeJS.ProcessEnv> => ({ HOME: await mkdtemp(join(tmpdir(), "launch-")) });

describe("switchboard codex's model", () => {
  it("is the one setup codex picks when the user chose none, and says so", async () => {
    const lines: string[] = [];
    const args = codexModelArguments({
      args: ["exec", "say hi"],
      env: await emptyHome(),
      offered,
      write: (line) => lines.push(line),
    });
    expect(args).toEqual(["-c", 'model="copilot/gpt-5.1-codex"']);
    expect(lines).toEqual([
      "Codex will use copilot/gpt-5.1-codex (the model `switchboard setup codex` picks; choose another with -m).",
    ]);
  });

  it("is the user's own whenever they name one: flags, -c model=…, config.toml or its profile", async () => {
    const env = await emptyHome();
    for (const args of [
      ["exec", "-m", "x"],
      ["exec", "-mx"],
      ["--model=x", "exec"],
      ["-c", "model=x", "exec"],
      ["--config", 'model = "x"', "exec"],
      ["-cmodel=x"],
    ])
      expect(codexModelChosen(args, env), args.join(" ")).toBe(true);
    expect(codexModelChosen(["exec", "-c", "model_provider=x", "--skip-git-repo-check", "say hi"], env)).toBe(false);
    const codexDirectory = join(String(env["HOME"]), ".codex");
    await mkdir(codexDirectory);
    await writeFile(join(codexDirectory, "config.toml"), `[profiles.fast]\nmodel = "x"\n`);
    expect(codexModelChosen(["-p", "fast", "exec"], env)).toBe(true);
    expect(codexModelChosen(["exec"], env)).toBe(false);
    await writeFile(join(codexDirectory, "config.toml"), `model = "x"\n`);
    expect(codexModelChosen(["exec"], env)).toBe(true);
  });
});

describe("switchboard claude's tier variables", () => {
  it("are set as setup claude-code would, never to a model the account has not enabled, and never over the user's", () => {
    const lines: string[] = [];
    const variables = claudeTierVariables({
      env: { ANTHROPIC_DEFAULT_SONNET_MODEL: "mine" },
      offered,
      write: (line) => lines.push(line),
    });
    expect(variables).toEqual({
      ANTHROPIC_DEFAULT_OPUS_MODEL: "copilot/claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_HAIKU_MODEL: "copilot/claude-sonnet-4.5",
      // The subagent tier follows the user's own sonnet model, as setup's does.
      CLAUDE_CODE_SUBAGENT_MODEL: "mine",
    });
    expect(lines[0]).toMatch(/^Skipped copilot\/claude-opus-4\.8 for the opus tier/);
  });
});
